import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import {
  adminToken,
  DAY,
  draft,
  makeOfficer,
  openCall,
  readyDraft,
  rendingEnterprisePayload,
  setClock,
  upload,
} from './applications-fixtures';

describe('applications: from draft to the formal check', () => {
  let p: TestPortal;
  let officer: string;
  let admin: string;
  let a: Awaited<ReturnType<typeof registerCompany>>;
  let b: Awaited<ReturnType<typeof registerCompany>>;
  let call: Awaited<ReturnType<typeof openCall>>;

  beforeAll(async () => {
    p = await startPortal();
    officer = await makeOfficer(p);
    admin = await adminToken(p);
    a = await registerCompany(p, 21, { businessTypes: ['animation'] });
    b = await registerCompany(p, 22);
    call = await openCall(p, officer, 'rending');
  });
  afterAll(async () => {
    await p.close();
  });
  afterEach(async () => {
    await setClock(p, admin, null);
  });

  it('takes an incomplete draft, refuses malformed fields with 400 and an incomplete submit with 422', async () => {
    const negative = await p
      .http()
      .post(`/api/calls/${call.id}/applications`)
      .set(auth(a.token))
      .send({ title: 't', track: 'enterprise', payload: { income: { totalFen: -1 } } });
    expect(negative.status).toBe(400);
    expect(negative.body.details.map((d: any) => d.path)).toContain('payload.income.totalFen');
    const unknown = await p
      .http()
      .post(`/api/calls/${call.id}/applications`)
      .set(auth(a.token))
      .send({ title: 't', track: 'enterprise', payload: { nonsense: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.map((d: any) => d.path)).toContain('payload.nonsense');
    const track = await p
      .http()
      .post(`/api/calls/${call.id}/applications`)
      .set(auth(a.token))
      .send({ title: 't', track: 'nonesuch', payload: {} });
    expect(track.status).toBe(400);
    expect(track.body.details[0].path).toBe('track');
    expect(
      (
        await p
          .http()
          .post(`/api/calls/${call.id}/applications`)
          .set(auth(a.token))
          .send({ title: 't', track: 'enterprise', payload: {}, extra: 1 })
      ).status,
    ).toBe(400);

    const made = await draft(p, a.token, call.id, { fiscalYear: 2025 });
    expect(made).toMatchObject({ status: 'draft', version: 1, number: null, awardId: null, attachments: [] });
    const submit = await p.http().post(`/api/applications/${made.id}/submit`).set(auth(a.token));
    expect(submit.status).toBe(422);
    const paths = submit.body.details.map((d: any) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'payload.income',
        'payload.declaration',
        'common.declaration',
        'common.required-attachments',
      ]),
    );
    expect(submit.body.details.find((d: any) => d.path === 'common.required-attachments').message).toEqual({
      zh: expect.any(String),
      en: expect.any(String),
    });
    expect((await p.http().get(`/api/applications/${made.id}`).set(auth(a.token))).body.status).toBe('draft');
  });

  it('reports exactly the rules of the program and track', async () => {
    const made = await draft(p, a.token, call.id, {});
    const res = await p.http().get(`/api/applications/${made.id}/eligibility`).set(auth(a.token));
    expect(res.status).toBe(200);
    expect(res.body.eligible).toBe(false);
    expect(res.body.checks.map((c: any) => c.rule).sort()).toEqual(
      [
        'common.declaration',
        'common.not-excluded',
        'common.required-attachments',
        'rending.business-type',
        'rending.enterprise-code',
        'rending.main-income-share',
        'rending.qualified-staff-share',
        'rending.rd-spending-share',
        'rending.rd-staff-share',
        'rending.recent-ip',
        'rending.self-developed-share',
      ].sort(),
    );
    for (const c of res.body.checks)
      expect(c).toEqual({
        rule: expect.any(String),
        passed: expect.any(Boolean),
        detail: { zh: expect.any(String), en: expect.any(String) },
      });
    const keyProduct = await draft(p, a.token, call.id, {}, 'key-product');
    const kp = await p.http().get(`/api/applications/${keyProduct.id}/eligibility`).set(auth(officer));
    expect(kp.body.checks.map((c: any) => c.rule).sort()).toEqual([
      'common.declaration',
      'common.not-excluded',
      'common.required-attachments',
      'rending.certified',
      'rending.key-product-threshold',
    ]);

    const ready = await readyDraft(p, a.token, call.id);
    const ok = await p.http().get(`/api/applications/${ready.id}/eligibility`).set(auth(a.token));
    expect(ok.body).toMatchObject({ eligible: true });
  });

  it('runs the lifecycle: submit, return with a comment, edit, resubmit after the deadline keeping the number, accept', async () => {
    const app = await readyDraft(p, a.token, call.id);
    const submitted = await p.http().post(`/api/applications/${app.id}/submit`).set(auth(a.token));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', number: expect.stringMatching(/^RD-2026-\d{6}$/) });
    const number = submitted.body.number;
    await p.mail.waitFor(a.email, new RegExp(number));

    expect((await p.http().post(`/api/applications/${app.id}/submit`).set(auth(a.token))).status).toBe(409);
    const view = await p.http().get(`/api/applications/${app.id}`).set(auth(a.token));
    expect(
      (
        await p
          .http()
          .patch(`/api/applications/${app.id}`)
          .set(auth(a.token))
          .send({ title: 'x', version: view.body.version })
      ).status,
    ).toBe(409);
    expect((await upload(p, a.token, app.id, 'other')).status).toBe(409);

    // formal check: comment required to return, applicants may not screen
    expect(
      (await p.http().post(`/api/applications/${app.id}/screening`).set(auth(officer)).send({ decision: 'return' }))
        .status,
    ).toBe(400);
    expect(
      (await p.http().post(`/api/applications/${app.id}/screening`).set(auth(a.token)).send({ decision: 'accept' }))
        .status,
    ).toBe(403);
    const comment = '审计报告缺少研发费用明细表，请补充后重新提交';
    const returned = await p
      .http()
      .post(`/api/applications/${app.id}/screening`)
      .set(auth(officer))
      .send({ decision: 'return', comment });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', number, screeningComment: comment });
    await p.mail.waitFor(a.email, /研发费用明细表/);

    // the applicant corrects and resubmits after closesAt: allowed for a returned application, same number
    const current = (await p.http().get(`/api/applications/${app.id}`).set(auth(a.token))).body;
    expect(current.screeningComment).toBe(comment);
    const edited = await p
      .http()
      .patch(`/api/applications/${app.id}`)
      .set(auth(a.token))
      .send({ version: current.version, payload: { ...rendingEnterprisePayload(), rdSpendingFen: 9_000_000 } });
    expect(edited.status).toBe(200);
    expect(edited.body.payload.rdSpendingFen).toBe(9_000_000);
    expect((await upload(p, a.token, app.id, 'audit-report')).status).toBe(201);
    await setClock(p, admin, new Date(new Date(call.closesAt).getTime() + DAY));
    const again = await p.http().post(`/api/applications/${app.id}/submit`).set(auth(a.token));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'submitted', number });

    const accepted = await p
      .http()
      .post(`/api/applications/${app.id}/screening`)
      .set(auth(officer))
      .send({ decision: 'accept', comment: '材料齐全' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('under_review');
    expect((await p.http().post(`/api/applications/${app.id}/withdraw`).set(auth(a.token))).status).toBe(409);

    const history = await p.http().get(`/api/applications/${app.id}/history`).set(auth(a.token));
    expect(history.status).toBe(200);
    expect(history.body.map((h: any) => [h.from, h.to])).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
      ['submitted', 'returned'],
      ['returned', 'submitted'],
      ['submitted', 'under_review'],
    ]);
    expect(history.body[2]).toMatchObject({
      comment,
      actor: { id: expect.any(String), name: '周明' },
      at: expect.any(String),
    });
    expect((await p.http().get(`/api/applications/${app.id}/history`).set(auth(officer))).status).toBe(200);
  });

  it('lets the owner withdraw before review, and an officer reject with a mail', async () => {
    const d = await draft(p, a.token, call.id);
    const w = await p.http().post(`/api/applications/${d.id}/withdraw`).set(auth(a.token));
    expect(w.status).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    expect((await p.http().post(`/api/applications/${d.id}/withdraw`).set(auth(a.token))).status).toBe(409);

    const s = await readyDraft(p, a.token, call.id);
    await p.http().post(`/api/applications/${s.id}/submit`).set(auth(a.token)).expect(200);
    expect((await p.http().post(`/api/applications/${s.id}/withdraw`).set(auth(a.token))).body.status).toBe(
      'withdrawn',
    );

    const r = await readyDraft(p, a.token, call.id);
    expect(
      (await p.http().post(`/api/applications/${r.id}/screening`).set(auth(officer)).send({ decision: 'accept' }))
        .status,
    ).toBe(409); // still a draft
    const { body } = await p.http().post(`/api/applications/${r.id}/submit`).set(auth(a.token)).expect(200);
    const rejected = await p
      .http()
      .post(`/api/applications/${r.id}/screening`)
      .set(auth(officer))
      .send({ decision: 'reject', comment: '提供虚假材料' });
    expect(rejected.body.status).toBe('rejected');
    await p.mail.waitFor(a.email, new RegExp(`${body.number}[\\s\\S]*提供虚假材料`));
  });

  it('refuses a stale version with 409 and replaces the whole payload', async () => {
    const d = await draft(p, a.token, call.id, { fiscalYear: 2025, rdSpendingFen: 5 });
    const first = await p
      .http()
      .patch(`/api/applications/${d.id}`)
      .set(auth(a.token))
      .send({ version: 1, payload: { fiscalYear: 2024 } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, payload: { fiscalYear: 2024 } });
    expect(first.body.payload.rdSpendingFen).toBeUndefined();
    const stale = await p
      .http()
      .patch(`/api/applications/${d.id}`)
      .set(auth(a.token))
      .send({ version: 1, title: '改名' });
    expect(stale.status).toBe(409);
    expect(
      (
        await p
          .http()
          .patch(`/api/applications/${d.id}`)
          .set(auth(a.token))
          .send({ version: 2, payload: { staff: { total: -3 } } })
      ).status,
    ).toBe(400);
    expect(
      (await p.http().patch(`/api/applications/${d.id}`).set(auth(a.token)).send({ version: 2, track: 'key-product' }))
        .status,
    ).toBe(400);
  });

  it('answers 404 to another organization on every application route', async () => {
    const app = await readyDraft(p, a.token, call.id);
    const att = (await p.http().get(`/api/applications/${app.id}`).set(auth(a.token))).body.attachments[0];
    const other = auth(b.token);
    const base = `/api/applications/${app.id}`;
    const answers = {
      get: (await p.http().get(base).set(other)).status,
      patch: (await p.http().patch(base).set(other).send({ version: 1, title: 'x' })).status,
      eligibility: (await p.http().get(`${base}/eligibility`).set(other)).status,
      submit: (await p.http().post(`${base}/submit`).set(other)).status,
      withdraw: (await p.http().post(`${base}/withdraw`).set(other)).status,
      history: (await p.http().get(`${base}/history`).set(other)).status,
      upload: (await upload(p, b.token, app.id, 'other')).status,
      download: (await p.http().get(`${base}/attachments/${att.id}`).set(other)).status,
      link: (await p.http().get(`${base}/attachments/${att.id}/link`).set(other)).status,
      remove: (await p.http().delete(`${base}/attachments/${att.id}`).set(other)).status,
      tusCreate: (
        await p.http().post(`${base}/uploads`).set(other).set('Tus-Resumable', '1.0.0').set('Upload-Length', '10')
      ).status,
    };
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 404])));
    const list = await p.http().get('/api/applications?pageSize=100').set(other);
    expect(list.body.items.map((x: any) => x.id)).not.toContain(app.id);
    // and it is all still there for the owner
    expect((await p.http().get(base).set(auth(a.token))).body.attachments).toHaveLength(6);
  });

  it('refuses a draft submitted at closesAt to the millisecond (server clock), accepts one a millisecond before', async () => {
    const closesAt = new Date(Date.now() + 2 * DAY);
    const tight = await openCall(p, officer, 'rending', { closesAt: closesAt.toISOString() });
    const early = await readyDraft(p, a.token, tight.id);
    const late = await readyDraft(p, a.token, tight.id);
    await setClock(p, admin, new Date(closesAt.getTime() - 1));
    expect((await p.http().post(`/api/applications/${early.id}/submit`).set(auth(a.token))).status).toBe(200);
    await setClock(p, admin, closesAt);
    const refused = await p.http().post(`/api/applications/${late.id}/submit`).set(auth(a.token));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('APPLICATION.WINDOW_CLOSED');
    expect(
      (
        await p
          .http()
          .post(`/api/calls/${tight.id}/applications`)
          .set(auth(a.token))
          .send({ title: 't', track: 'enterprise', payload: {} })
      ).status,
    ).toBe(409);
  });

  it('lists applications: an applicant sees its own, an officer filters by call and status', async () => {
    const other = await openCall(p, officer, 'jingpin');
    await draft(p, b.token, other.id, {}, 'idea', '精品创意');
    const own = await p.http().get('/api/applications').set(auth(b.token));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(own.body.items[0]).toMatchObject({
      programCode: 'jingpin',
      track: 'idea',
      status: 'draft',
      organizationName: b.name,
      callId: other.id,
    });
    const byCall = await p.http().get(`/api/applications?callId=${other.id}`).set(auth(officer));
    expect(byCall.body.total).toBe(1);
    const submitted = await p.http().get(`/api/applications?callId=${call.id}&status=under_review`).set(auth(officer));
    expect(submitted.body.items.every((x: any) => x.status === 'under_review')).toBe(true);
    expect((await p.http().get('/api/applications?status=pending').set(auth(officer))).status).toBe(400);
  });
});

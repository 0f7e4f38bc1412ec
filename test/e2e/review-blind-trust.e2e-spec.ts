/*
 * Issue 11, points 1–3 and the expert's half of 18, through the HTTP API on real Postgres (and Redis):
 *  1. a blind reviewer gets no identity-bearing file (not listed, link 404) and no identifying field; samples stay;
 *  2. one answer to "may this expert read this application": assigned (pending) yes, submitted while the round is
 *     open yes, declined / expired / not assigned / after the close no — for the application, its files and the
 *     application inside the review view;
 *  3. review settings freeze at the first draw (409), budget and notice length stay editable until a decision; the
 *     seed is the server's (a seed in the body is refused without the staging clock, and the progress view's
 *     `seedAllowed` tells the draw form so) and recorded;
 * 18. an expert never sees a person's ID number or phone, blind call or not.
 * Two organizations: A applies to the blind call, B to an open (not blind) one.
 */
import { randomUUID } from 'crypto';
import { ADMIN, auth, registerCompany, startPortal, testCreditCode, TestPortal } from '../support/portal';
import { DAY, makeOfficer, openCall, pdf, seedApplicants } from './applications-fixtures';

const NOW = '2026-04-01T10:00:00+08:00';
const PASSWORD = 'Blind#Pass2026';
const PHONE = '13912345678';
const ID_NUMBER = '110105199003071239';
const KEYS = ['ideological', 'artistic', 'innovation', 'industrialValue'];
const all = (v: number) => Object.fromEntries(KEYS.map((k) => [k, v]));
const REDACTED = '[已隐去/redacted]';
/** The two names of a Content-Disposition header: the ASCII fallback and the RFC 5987 UTF-8 one. */
function dispositionNames(header: string | undefined): { ascii: string; utf8: string } {
  const ascii = /filename="([^"]*)"/.exec(header ?? '')?.[1] ?? '';
  const utf8 = decodeURIComponent(/filename\*=UTF-8''([^;]*)/.exec(header ?? '')?.[1] ?? '');
  return { ascii, utf8 };
}

interface Company {
  token: string;
  email: string;
  creditCode: string;
  organizationId: string;
  name: string;
}
interface Expert {
  id: string;
  email: string;
  token: string;
}

describe('blind review that stays blind, access that ends with the assignment, frozen settings', () => {
  let p: TestPortal;
  let admin: string;
  let officer: string;
  let A: Company;
  let B: Company;
  const X: Record<string, Expert> = {};
  let blindCall: { id: string };
  let openCallId: string;
  let appA: string;
  let appB: string;
  const files: Record<string, string> = {}; // kind → attachment id of A's application
  const review: Record<string, string> = {}; // expert key → review id on A's application
  const http = () => p.http();

  async function addExpert(key: string, region: string) {
    const email = `${key.toLowerCase()}@blind.test`;
    const res = await http()
      .post('/api/users')
      .set(auth(admin))
      .send({
        name: `专家${key}`,
        email,
        password: PASSWORD,
        roles: ['expert'],
        expert: {
          fields: ['jingpin'],
          employerCreditCode: testCreditCode(950 + Number(key[1]), region),
          regionCode: region,
          conflicts: [],
        },
      });
    if (res.status !== 201) throw new Error(`expert: ${res.status} ${JSON.stringify(res.body)}`);
    X[key] = { id: res.body.id, email, token: await p.login(email, PASSWORD) };
  }

  async function newCall(blindReview: boolean, reviewersPerApplication: number) {
    const res = await http()
      .post('/api/calls')
      .set(auth(officer))
      .send({
        programCode: 'jingpin',
        year: 2026,
        title: blindReview ? '2026 年度精品工程（盲评）' : '2026 年度精品工程（公开评审）',
        opensAt: '2026-03-01T00:00:00+08:00',
        closesAt: '2026-04-30T17:00:00+08:00',
        budgetFen: 500_000_000,
        reviewersPerApplication,
        blindReview,
        regionRecusal: false,
        noticeWorkingDays: 5,
        aggregation: 'mean',
      });
    if (res.status !== 201) throw new Error(`call: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  }

  async function apply(c: Company, callId: string, legalRep: string): Promise<string> {
    const short = c.name.replace(/有限公司$/, '');
    const created = await http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(c.token))
      .send({
        title: `${short}《长河》`,
        track: 'product',
        payload: {
          mediaType: 'tv',
          workTitle: '长河',
          synopsis: `${short}出品。导演手机 ${PHONE}，身份证号 ${ID_NUMBER}，座机 010-62345678。`,
          creators: [{ name: '欧阳明', role: '导演' }],
          developmentPlan: '分三期制作。',
          marketExpectation: `${legalRep}预计授权收入可观。`,
          licensing: '自有版权。',
          promotionPlan: '电视台与网络平台同步播出。',
          declaration: true,
        },
      });
    if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    for (const [kind, fileName] of [
      ['declaration', `${c.name}-承诺书.pdf`],
      ['business-licence', `营业执照-${c.creditCode}.pdf`],
      ['work-sample', `长河-${short}样章.pdf`],
      ['other', `${legalRep}-${ID_NUMBER}.pdf`],
    ]) {
      const up = await http()
        .post(`/api/applications/${id}/attachments`)
        .set(auth(c.token))
        .field('kind', kind)
        .attach('file', pdf(), { filename: fileName, contentType: 'application/pdf' });
      if (up.status !== 201) throw new Error(`upload ${kind}: ${up.status} ${JSON.stringify(up.body)}`);
      if (c === A) files[kind] = up.body.id;
    }
    const sub = await http().post(`/api/applications/${id}/submit`).set(auth(c.token)).send({});
    if (sub.status !== 200) throw new Error(`submit: ${sub.status} ${JSON.stringify(sub.body)}`);
    const scr = await http()
      .post(`/api/applications/${id}/screening`)
      .set(auth(officer))
      .send({ decision: 'accept', comment: `${short}材料齐全，联系电话 ${PHONE}` });
    if (scr.status !== 200) throw new Error(`screening: ${scr.status} ${JSON.stringify(scr.body)}`);
    return id;
  }

  async function patchCall(callId: string, body: Record<string, unknown>) {
    const current = await http().get(`/api/calls/${callId}`);
    return http()
      .patch(`/api/calls/${callId}`)
      .set(auth(officer))
      .send({ ...body, version: current.body.version });
  }

  const reviewOf = async (callId: string, expertId: string): Promise<string> =>
    (await p.ds.query(`SELECT id FROM review_assignment WHERE call_id = $1 AND expert_id = $2`, [callId, expertId]))[0]
      ?.id;

  const fileUrl = (kind: string) => `/api/applications/${appA}/attachments/${files[kind]}`;

  beforeAll(async () => {
    p = await startPortal();
    admin = await p.login(ADMIN.email, ADMIN.password);
    expect((await http().put('/api/admin/clock').set(auth(admin)).send({ now: NOW })).status).toBe(200);
    officer = await makeOfficer(p, 'officer@blind.test');
    A = await registerCompany(p, 611, { name: '星河映画有限公司' });
    B = await registerCompany(p, 612, { name: '青峰动漫有限公司' });
    for (const [k, region] of [
      ['X1', '110101'],
      ['X2', '350102'],
      ['X3', '440304'],
      ['X4', '330102'],
    ])
      await addExpert(k, region);

    // the open call: B's application, every expert drawn for it
    const open = await newCall(false, 4);
    openCallId = open.id;
    appB = await apply(B, openCallId, '法人612');
    expect((await http().post(`/api/calls/${openCallId}/review-draw`).set(auth(officer)).send({})).body.assigned).toBe(
      4,
    );

    // the blind call: A's application; X4 is away during its draw, so X1, X2, X3 are drawn
    blindCall = await newCall(true, 3);
    appA = await apply(A, blindCall.id, '法人611');
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  it('3. leaves review settings editable before the first draw', async () => {
    const res = await patchCall(blindCall.id, { spreadThreshold: 25, aggregation: 'trimmed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ spreadThreshold: 25, aggregation: 'trimmed' });
  });

  it('draws X1, X2, X3 for the blind call; X1 declines, X2 submits, X3 keeps it pending', async () => {
    expect((await http().put('/api/experts/me').set(auth(X.X4.token)).send({ available: false })).status).toBe(200);
    // a staging portal (PORTAL_TEST_CLOCK=1) takes a chosen seed, and the progress view says so to the draw form
    const progress = await http().get(`/api/calls/${blindCall.id}/review-progress`).set(auth(officer));
    expect(progress.body.seedAllowed).toBe(true);
    const draw = await http().post(`/api/calls/${blindCall.id}/review-draw`).set(auth(officer)).send({});
    expect(draw.status).toBe(200);
    expect(draw.body.assigned).toBe(3);
    for (const k of ['X1', 'X2', 'X3']) review[k] = await reviewOf(blindCall.id, X[k].id);
    expect(await reviewOf(blindCall.id, X.X4.id)).toBeUndefined();

    const declined = await http()
      .post(`/api/reviews/${review.X1}/decline`)
      .set(auth(X.X1.token))
      .send({ reason: 'unavailable', detail: '出差' });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    expect(declined.body.application).toBeNull(); // the decline's own answer gives nothing of the application
    expect(declined.body.replacement).toMatchObject({ assigned: 0 }); // X4 is away: nobody replaces X1
    expect((await http().put('/api/experts/me').set(auth(X.X4.token)).send({ available: true })).status).toBe(200);
    const submitted = await http()
      .post(`/api/reviews/${review.X2}/submit`)
      .set(auth(X.X2.token))
      .send({ scores: all(8), comment: '制作精良。' });
    expect(submitted.status).toBe(200);
  });

  it('1. hides identity-bearing files from the blind reviewer: not listed, download and link 404; samples stay', async () => {
    const t = auth(X.X3.token);
    const viaApp = await http().get(`/api/applications/${appA}`).set(t);
    expect(viaApp.status).toBe(200);
    expect(viaApp.body.attachments.map((a: { kind: string }) => a.kind)).toEqual(['work-sample']);
    expect(viaApp.body.attachments[0]).toMatchObject({
      id: files['work-sample'],
      fileName: 'work-sample-1.pdf',
      sha256: '',
    });
    const viaReview = await http().get(`/api/reviews/${review.X3}`).set(t);
    expect(viaReview.status).toBe(200);
    expect(viaReview.body.application.attachments.map((a: { kind: string }) => a.kind)).toEqual(['work-sample']);

    for (const kind of ['declaration', 'business-licence', 'other']) {
      expect([kind, (await http().get(fileUrl(kind)).set(t)).status]).toEqual([kind, 404]);
      expect([
        kind,
        (
          await http()
            .get(`${fileUrl(kind)}/link`)
            .set(t)
        ).status,
      ]).toEqual([kind, 404]);
    }
    const sample = await http().get(fileUrl('work-sample')).set(t);
    expect(sample.status).toBe(200);
    expect(dispositionNames(sample.headers['content-disposition'])).toEqual({
      ascii: 'work-sample-1.pdf',
      utf8: 'work-sample-1.pdf',
    });
    const link = await http()
      .get(`${fileUrl('work-sample')}/link`)
      .set(t);
    expect(link.status).toBe(200);
    const viaLink = await http().get(link.body.url);
    expect(viaLink.status).toBe(200);
    expect(dispositionNames(viaLink.headers['content-disposition']).utf8).toBe('work-sample-1.pdf');
    // nor is the checksum in a header: a sha256 can be matched against a file the reviewer already holds
    const [{ sha256 }] = await p.ds.query(`SELECT sha256 FROM attachment WHERE id = $1`, [files['work-sample']]);
    for (const res of [sample, viaLink]) expect(res.headers.etag).toBe(`"${files['work-sample']}"`);
    expect(JSON.stringify([sample.headers, viaLink.headers])).not.toContain(sha256);

    // the owner and the officer still have everything; the other organization nothing
    for (const who of [A.token, officer]) {
      const full = await http().get(`/api/applications/${appA}`).set(auth(who));
      expect(full.body.attachments.map((a: { kind: string }) => a.kind).sort()).toEqual([
        'business-licence',
        'declaration',
        'other',
        'work-sample',
      ]);
      expect((await http().get(fileUrl('business-licence')).set(auth(who))).status).toBe(200);
    }
    expect((await http().get(`/api/applications/${appA}`).set(auth(B.token))).status).toBe(404);
    expect((await http().get(fileUrl('work-sample')).set(auth(B.token))).status).toBe(404);
  });

  it("1/18. leaves nothing in the blind reviewer's JSON that names the company or a person's numbers", async () => {
    const t = auth(X.X3.token);
    const viaApp = await http().get(`/api/applications/${appA}`).set(t);
    const viaReview = await http().get(`/api/reviews/${review.X3}`).set(t);
    const list = await http().get('/api/reviews').set(t);
    expect(viaApp.body).toMatchObject({ organizationId: null, organizationName: null });
    const terms = [
      A.name,
      A.name.replace(/有限公司$/, ''),
      A.creditCode,
      A.creditCode.slice(8, 17),
      A.organizationId,
      A.email,
      '法人611',
      '联系人611',
      '欧阳明',
      '13800138000',
      PHONE,
      ID_NUMBER,
      '62345678',
      '测试路',
      '承诺书',
      '营业执照',
      '样章',
    ];
    for (const [what, body] of [
      ['GET /api/applications/:id', viaApp.body],
      ['GET /api/reviews/:id', viaReview.body],
      ['GET /api/reviews', list.body],
    ] as const) {
      const json = JSON.stringify(body);
      for (const term of terms) expect([what, term, json.includes(term)]).toEqual([what, term, false]);
    }
  });

  it('18. shows an expert of an open call who applied, but no ID number or phone', async () => {
    const t = auth(X.X1.token);
    const viaApp = await http().get(`/api/applications/${appB}`).set(t);
    expect(viaApp.status).toBe(200);
    expect(viaApp.body.organizationName).toBe(B.name);
    expect(viaApp.body.attachments).toHaveLength(4); // not blind: every file
    const rid = await reviewOf(openCallId, X.X1.id);
    const viaReview = await http().get(`/api/reviews/${rid}`).set(t);
    expect(viaReview.body.application.organization).toMatchObject({ name: B.name });
    for (const body of [viaApp.body, viaReview.body]) {
      const json = JSON.stringify(body);
      for (const term of [PHONE, ID_NUMBER, '010-62345678']) expect([term, json.includes(term)]).toEqual([term, false]);
    }
    // the officer and the owner read the numbers as written
    const asOfficer = await http().get(`/api/applications/${appB}`).set(auth(officer));
    expect(asOfficer.body.payload.synopsis).toContain(PHONE);
  });

  it("18. names a downloaded file as the expert's JSON does: no ID number in Content-Disposition nor in the link", async () => {
    const t = auth(X.X1.token);
    const viaApp = await http().get(`/api/applications/${appB}`).set(t);
    const other = viaApp.body.attachments.find((a: { kind: string }) => a.kind === 'other');
    expect(other.fileName).toBe(`法人612-${REDACTED}.pdf`);
    const url = `/api/applications/${appB}/attachments/${other.id}`;
    const download = await http().get(url).set(t);
    expect(download.status).toBe(200);
    expect(dispositionNames(download.headers['content-disposition'])).toEqual({
      ascii: `__612-${REDACTED.replace(/[^\x20-\x7e]/g, '_')}.pdf`,
      utf8: other.fileName,
    });
    const link = await http().get(`${url}/link`).set(t);
    expect(link.status).toBe(200);
    expect(decodeURIComponent(link.body.url)).not.toContain(ID_NUMBER);
    const viaLink = await http().get(link.body.url);
    expect(viaLink.status).toBe(200);
    expect(dispositionNames(viaLink.headers['content-disposition']).utf8).toBe(other.fileName);
    // the owner and the officer download it as uploaded
    for (const who of [B.token, officer]) {
      const own = await http().get(url).set(auth(who));
      expect(dispositionNames(own.headers['content-disposition']).utf8).toBe(`法人612-${ID_NUMBER}.pdf`);
    }
  });

  it('2. gives access only through a live assignment: declined and not assigned get 404, submitted reads on', async () => {
    const sampleUrl = fileUrl('work-sample');
    // X3 pending, X2 submitted while the round is open: yes
    for (const k of ['X3', 'X2']) {
      expect([k, (await http().get(`/api/applications/${appA}`).set(auth(X[k].token))).status]).toEqual([k, 200]);
      expect([k, (await http().get(sampleUrl).set(auth(X[k].token))).status]).toEqual([k, 200]);
    }
    // X1 declined, X4 never assigned: nothing
    for (const k of ['X1', 'X4']) {
      expect([k, (await http().get(`/api/applications/${appA}`).set(auth(X[k].token))).status]).toEqual([k, 404]);
      expect([k, (await http().get(sampleUrl).set(auth(X[k].token))).status]).toEqual([k, 404]);
      expect([k, (await http().get(`${sampleUrl}/link`).set(auth(X[k].token))).status]).toEqual([k, 404]);
    }
    // X1 keeps the record of their own review, without the application
    const own = await http().get(`/api/reviews/${review.X1}`).set(auth(X.X1.token));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: review.X1, status: 'declined', application: null });
    const list = await http().get('/api/reviews').set(auth(X.X1.token));
    expect(list.body.items.find((i: { id: string }) => i.id === review.X1)).toMatchObject({ applicationTitle: null });
  });

  it('3. freezes the review settings after the first draw (409); budget and notice length stay editable', async () => {
    for (const body of [
      { blindReview: false },
      { aggregation: 'zscore' },
      { reviewersPerApplication: 5 },
      { regionRecusal: true },
      { spreadThreshold: 30 },
    ]) {
      const res = await patchCall(blindCall.id, body);
      expect([body, res.status, res.body.code]).toEqual([body, 409, 'CALL.REVIEW_SETTINGS_FROZEN']);
      expect(res.body.message).toMatchObject({
        zh: expect.stringMatching(/评审设置/),
        en: expect.stringMatching(/review settings/),
      });
      expect(res.body.details[0].path).toBe(Object.keys(body)[0]);
    }
    const same = await patchCall(blindCall.id, { blindReview: true, aggregation: 'trimmed' }); // no change
    expect(same.status).toBe(200);
    const money = await patchCall(blindCall.id, { budgetFen: 600_000_000, noticeWorkingDays: 7 });
    expect(money.status).toBe(200);
    expect(money.body).toMatchObject({ budgetFen: 600_000_000, noticeWorkingDays: 7, blindReview: true });
    const drawnAt = await p.ds.query(`SELECT review_drawn_at FROM call WHERE id = $1`, [blindCall.id]);
    expect(drawnAt[0].review_drawn_at).toBeTruthy();
  });

  it('2. ends access at the close: the expired and the submitted assignment give nothing any more', async () => {
    const close = await http().post(`/api/calls/${blindCall.id}/review-close`).set(auth(officer)).send({});
    expect(close.status).toBe(200);
    const status = await p.ds.query(`SELECT status FROM review_assignment WHERE id = $1`, [review.X3]);
    expect(status[0].status).toBe('expired');
    for (const k of ['X3', 'X2']) {
      expect([k, (await http().get(`/api/applications/${appA}`).set(auth(X[k].token))).status]).toEqual([k, 404]);
      expect([k, (await http().get(fileUrl('work-sample')).set(auth(X[k].token))).status]).toEqual([k, 404]);
      const own = await http().get(`/api/reviews/${review[k]}`).set(auth(X[k].token));
      expect([k, own.status, own.body.application]).toEqual([k, 200, null]);
    }
    // the submitted expert still sees their own scores
    const mine = await http().get(`/api/reviews/${review.X2}`).set(auth(X.X2.token));
    expect(mine.body).toMatchObject({ status: 'submitted', scores: all(8) });
  });

  it('3. freezes the budget and the notice length once a decision is recorded', async () => {
    const decided = await http()
      .put(`/api/calls/${blindCall.id}/decisions/${appA}`)
      .set(auth(officer))
      .send({ outcome: 'award', tier: '一类', amountFen: 1_000_000, note: '评审通过' });
    expect(decided.status).toBe(200);
    for (const body of [{ budgetFen: 700_000_000 }, { noticeWorkingDays: 9 }]) {
      const res = await patchCall(blindCall.id, body);
      expect([body, res.status, res.body.code]).toEqual([body, 409, 'CALL.DECISION_SETTINGS_FROZEN']);
    }
    expect((await patchCall(blindCall.id, { title: '2026 年度精品工程（盲评，更正）' })).status).toBe(200);
  });
});

describe('the draw seed on a production portal (no staging clock)', () => {
  let p: TestPortal;

  beforeAll(async () => {
    p = await startPortal({ worker: false, env: { PORTAL_TEST_CLOCK: '0' } });
  }, 120_000);

  afterAll(async () => {
    await p?.close();
    process.env.PORTAL_TEST_CLOCK = '1';
  });

  it('refuses a seed in the request (400) and records the crypto-random one it draws', async () => {
    const officer = await makeOfficer(p, 'officer@seed.test');
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const expert = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({
        name: '专家',
        email: 'x@seed.test',
        password: PASSWORD,
        roles: ['expert'],
        expert: { fields: ['jingpin'], employerCreditCode: testCreditCode(991), regionCode: '330102', conflicts: [] },
      });
    expect(expert.status).toBe(201);
    const call = await openCall(p, officer, 'jingpin', { reviewersPerApplication: 1, blindReview: true });
    const [org] = await seedApplicants(p, 1, 700_001);
    const appId = randomUUID();
    await p.ds.query(
      `INSERT INTO application (id, call_id, organization_id, program_code, track, title, payload, status, number, created_by,
                                created_at, updated_at, submitted_at, first_submitted_at)
       VALUES ($1, $2, $3, 'jingpin', 'product', '作品', '{}', 'under_review', 'JP-2026-900001', $4, $5, $5, $5, $5)`,
      [appId, call.id, org.organizationId, org.userId, new Date(Date.now() - DAY)],
    );

    // the draw form learns from the progress view that no seed is accepted here (and hides its seed field)
    const progress = await p.http().get(`/api/calls/${call.id}/review-progress`).set(auth(officer));
    expect(progress.status).toBe(200);
    expect(progress.body.seedAllowed).toBe(false);

    const refused = await p.http().post(`/api/calls/${call.id}/review-draw`).set(auth(officer)).send({ seed: 7 });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('REVIEW.SEED_NOT_ALLOWED');
    expect(refused.body.message.en).toMatch(/PORTAL_TEST_CLOCK/);
    expect(await p.ds.query(`SELECT id FROM review_assignment WHERE call_id = $1`, [call.id])).toEqual([]);

    const drawn = await p.http().post(`/api/calls/${call.id}/review-draw`).set(auth(officer)).send({});
    expect(drawn.status).toBe(200);
    expect(drawn.body.assigned).toBe(1);
    expect(Number.isInteger(drawn.body.seed)).toBe(true);
    const rows = await p.ds.query(`SELECT draw_seed FROM review_assignment WHERE call_id = $1`, [call.id]);
    expect(rows.map((r: { draw_seed: string | number }) => Number(r.draw_seed))).toEqual([drawn.body.seed]);
    const audit = await p.ds.query(`SELECT data FROM audit_event WHERE action = 'review.drawn' AND entity_id = $1`, [
      call.id,
    ]);
    expect(audit[0].data).toMatchObject({ seed: drawn.body.seed, assigned: 1 });
    expect(audit[0].data.inputSha256).toMatch(/^[0-9a-f]{64}$/);

    const frozen = await p
      .http()
      .patch(`/api/calls/${call.id}`)
      .set(auth(officer))
      .send({ reviewersPerApplication: 2, version: (await p.http().get(`/api/calls/${call.id}`)).body.version });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('CALL.REVIEW_SETTINGS_FROZEN');
  });
});

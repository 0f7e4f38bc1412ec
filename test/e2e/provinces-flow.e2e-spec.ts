/*
 * Issue 12, the e2e the issue asks for, end to end through the HTTP API: two provinces (江苏 32, 广西 45), an officer of
 * each and a national officer (no agency).
 * - 认定 (stage check) from a 江苏 company: submit → 江苏's 初审 pass → the national formal check → review → decisions →
 *   the public notice → finalize → the award → the 认定证书 PDF names 江苏's agency; each officer sees only their own.
 * - 精品工程 (stage recommend) with a quota of 2 of 5: exactly 2 forwarded in the recorded order, 3 not_recommended with
 *   mails; the national review and ranking run over the 2 forwarded only; through to finalize, the instalments of
 *   江苏's awards are 江苏's officer's and the national office's, not 广西's (payments are province-scoped too).
 * - 原动力 (recommend, quota 1) and 推广计划 (none) from 江苏 with the stages GET /api/programs names: over the quota 409, one
 *   forwarded, the other not_recommended; 推广计划 at the national office at once; an officer of 国家新闻出版署 (national,
 *   原动力 only) sees the forwarded 原动力 application and nothing of 推广计划; both to the public list filtered by 江苏.
 * The set-up helpers are awards-fixtures.ts's (shared with provincial-stage and scope-awards).
 */
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import {
  binary,
  Company,
  createCall,
  pdfText,
  provincialOfficer,
  ReviewedApp,
  reviewAndClose,
  screenAccept,
  setClock,
  setupStaff,
  Staff,
  submitApplication,
  waitForMail,
} from './awards-fixtures';

jest.setTimeout(90_000);

const STAGED = { provincialClosesAt: '2026-04-15T17:00:00+08:00' };
const AFTER_PROVINCES = '2026-04-16T10:00:00+08:00';

let p: TestPortal;
let staff: Staff;
let js: string; // 江苏 officer
let gx: string; // 广西 officer
const get = (token: string, path: string) => p.http().get(path).set(auth(token));
const post = (token: string, path: string, body: object) => p.http().post(path).set(auth(token)).send(body);
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((x) => x.id).sort();

/** Decisions for every app, the public notice, and finalize once the notice has ended; the awards by application. */
async function decideNoticeFinalize(
  callId: string,
  apps: ReviewedApp[],
  decision: Record<string, unknown>,
): Promise<Map<string, { id: string; certificateNo: string | null }>> {
  for (const a of apps) {
    const d = await p
      .http()
      .put(`/api/calls/${callId}/decisions/${a.id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', note: '同意', ...decision });
    expect(d.status).toBe(200);
  }
  const notice = await post(staff.officer, `/api/calls/${callId}/notices`, {});
  expect(notice.status).toBe(201);
  await setClock(p, staff.admin, new Date(Date.parse(notice.body.endsAt) + 3_600_000).toISOString());
  const fin = await post(staff.officer, `/api/calls/${callId}/finalize`, {});
  expect(fin.status).toBe(200);
  return new Map(
    fin.body.awards.map((a: { id: string; applicationId: string; certificateNo: string | null }) => [
      a.applicationId,
      a,
    ]),
  );
}

beforeAll(async () => {
  p = await startPortal();
  staff = await setupStaff(p, 'pf');
  js = await provincialOfficer(p, staff.admin, 'officer@js.pf.test', '32');
  gx = await provincialOfficer(p, staff.admin, 'officer@gx.pf.test', '45');
}, 120_000);
afterAll(async () => {
  await p?.close();
});

it('认定 from a 江苏 company: 初审 → national check → review → decisions → notice → finalize → certificate naming 江苏', async () => {
  await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  const callId = await createCall(p, staff.officer, 'rending', {
    provincialStage: 'check',
    budgetFen: 0,
    ...STAGED,
  });
  const jsCo = (await registerCompany(p, 6101, { region: '320102', name: '南京动画有限公司' })) as Company;
  const gxCo = (await registerCompany(p, 6102, { region: '450102', name: '南宁动画有限公司' })) as Company;
  const jsApp = await submitApplication(p, jsCo, callId, 'rending', 1, '江苏认定申报');
  const gxApp = await submitApplication(p, gxCo, callId, 'rending', 2, '广西认定申报');

  // each province sees its own only; the national office sees nothing the provinces still hold
  expect(ids(await get(js, `/api/applications?callId=${callId}`))).toEqual([jsApp.id]);
  expect(ids(await get(gx, `/api/applications?callId=${callId}`))).toEqual([gxApp.id]);
  expect((await get(staff.officer, `/api/applications?callId=${callId}`)).body.total).toBe(0);
  expect((await get(gx, `/api/applications/${jsApp.id}`)).status).toBe(404);
  expect((await get(js, `/api/applications/${gxApp.id}`)).status).toBe(404);

  // 江苏's 初审 passes its company; 广西's too; then the national formal check
  const opinion = '初审意见：材料完整，数据逻辑一致，同意上报。';
  const passed = await post(js, `/api/applications/${jsApp.id}/provincial-check`, { decision: 'pass', opinion });
  expect(passed.body).toMatchObject({ status: 'forwarded', level: 'national', provincialOpinion: opinion });
  expect(
    (await post(gx, `/api/applications/${gxApp.id}/provincial-check`, { decision: 'pass', opinion: '同意上报' })).body,
  ).toMatchObject({ status: 'forwarded' });
  expect(ids(await get(staff.officer, `/api/applications?callId=${callId}`))).toEqual([jsApp.id, gxApp.id].sort());
  await screenAccept(p, staff.officer, jsApp.id);
  await screenAccept(p, staff.officer, gxApp.id);

  // the national review, decisions, notice, finalize
  // the national review comes after the provinces' deadline (REVIEW.PROVINCES_OPEN before it)
  await setClock(p, staff.admin, AFTER_PROVINCES);
  await reviewAndClose(p, staff, callId, 'rending', [jsApp, gxApp]);
  const awards = await decideNoticeFinalize(callId, [jsApp, gxApp], {});
  const jsAward = awards.get(jsApp.id)!;
  const gxAward = awards.get(gxApp.id)!;
  expect(jsAward.certificateNo).toMatch(/^RD-2026-\d{6}$/);
  const history = await get(jsCo.token, `/api/applications/${jsApp.id}/history`);
  expect(history.body.map((h: { to: string }) => h.to)).toEqual([
    'draft',
    'submitted',
    'forwarded',
    'under_review',
    'reviewed',
    'proposed',
    'awarded',
  ]);

  // awards: each province its own; the national office both
  expect(ids(await get(js, `/api/awards?callId=${callId}`))).toEqual([jsAward.id]);
  expect(ids(await get(gx, `/api/awards?callId=${callId}`))).toEqual([gxAward.id]);
  expect(ids(await get(staff.officer, `/api/awards?callId=${callId}`))).toEqual([jsAward.id, gxAward.id].sort());
  expect((await get(gx, `/api/awards/${jsAward.id}/certificate.pdf`)).status).toBe(404);

  // the 认定证书 names 江苏's provincial agency (as the agencies list names it) and the national list's number
  const agency = (await get(staff.admin, '/api/agencies?province=32&pageSize=100')).body.items.find(
    (a: { code: string }) => a.code === 'prov-32',
  );
  const pdf = await p
    .http()
    .get(`/api/awards/${jsAward.id}/certificate.pdf`)
    .set(auth(jsCo.token))
    .buffer(true)
    .parse(binary);
  expect(pdf.status).toBe(200);
  const text = (await pdfText(pdf.body)).replace(/\s/g, '');
  expect(text).toContain(agency.nameZh.replace(/\s/g, ''));
  expect(text).toContain('江苏');
  expect(text).not.toContain('广西');
  expect(text).toContain(jsAward.certificateNo);
  expect(text).toContain('南京动画有限公司');
  const js2 = await p.http().get(`/api/awards/${jsAward.id}/certificate.pdf`).set(auth(js)).buffer(true).parse(binary);
  expect(js2.status).toBe(200);
});

it('精品工程, quota 2 of 5: 2 forwarded in order, 3 not recommended with mails; national ranking over the 2; payments scoped', async () => {
  await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  const callId = await createCall(p, staff.officer, 'jingpin', {
    provincialStage: 'recommend',
    provincialQuota: 2,
    ...STAGED,
  });
  const apps: ReviewedApp[] = [];
  for (let i = 0; i < 5; i++) {
    const c = (await registerCompany(p, 6201 + i, { region: '320102', name: `苏州动画${i + 1}号` })) as Company;
    apps.push(await submitApplication(p, c, callId, 'jingpin', i + 1, `江苏精品${i + 1}`));
  }
  for (const a of apps)
    expect(
      (await post(js, `/api/applications/${a.id}/provincial-check`, { decision: 'pass', opinion: '符合申报条件' }))
        .body,
    ).toMatchObject({ status: 'provincial_passed' });

  // the recorded order: the 4th first, then the 2nd
  const done = await post(js, `/api/calls/${callId}/recommendations`, {
    items: [
      { applicationId: apps[3].id, note: '题材新颖，推荐第一' },
      { applicationId: apps[1].id, note: '市场前景好，推荐第二' },
    ],
    reason: '本省推荐名额有限，未列入推荐名单',
  });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ quota: 2, count: 2, forwarded: [apps[3].id, apps[1].id] });
  const forwarded = [apps[3], apps[1]];
  const rest = [apps[0], apps[2], apps[4]];
  expect([...done.body.notRecommended].sort()).toEqual(rest.map((a) => a.id).sort());
  expect((await get(js, `/api/applications/${apps[3].id}`)).body).toMatchObject({
    status: 'forwarded',
    recommendationRank: 1,
  });
  expect((await get(js, `/api/applications/${apps[1].id}`)).body).toMatchObject({
    status: 'forwarded',
    recommendationRank: 2,
  });
  for (const a of rest) {
    expect((await get(js, `/api/applications/${a.id}`)).body.status).toBe('not_recommended');
    await waitForMail(p, a.company.email, /本省推荐名额有限/);
  }

  // the national office: the 2 forwarded only, reviewed and ranked without the other 3
  expect(ids(await get(staff.officer, `/api/applications?callId=${callId}&pageSize=100`))).toEqual(
    forwarded.map((a) => a.id).sort(),
  );
  for (const a of forwarded) await screenAccept(p, staff.officer, a.id);
  await setClock(p, staff.admin, AFTER_PROVINCES);
  await reviewAndClose(p, staff, callId, 'jingpin', forwarded);
  const ranking = await get(staff.officer, `/api/calls/${callId}/ranking`);
  expect(ranking.status).toBe(200);
  expect(ranking.body.map((r: { applicationId: string }) => r.applicationId)).toEqual(forwarded.map((a) => a.id));
  expect((await get(gx, `/api/calls/${callId}/ranking`)).body).toEqual([]);

  // through to finalize: the instalments of 江苏's awards are not 广西's officer's
  const awards = await decideNoticeFinalize(callId, forwarded, { tier: '一等', amountFen: 2_000_000 });
  const award = awards.get(forwarded[0].id)!;
  const national = await get(staff.officer, `/api/payments?callId=${callId}&pageSize=100`);
  expect(national.body.total).toBeGreaterThan(0);
  const instalment = national.body.items.find((i: { awardId: string }) => i.awardId === award.id);
  expect((await get(js, `/api/payments?callId=${callId}&pageSize=100`)).body.total).toBe(national.body.total);
  expect((await get(gx, `/api/payments?callId=${callId}&pageSize=100`)).body.total).toBe(0);
  expect((await get(gx, `/api/payments/${instalment.id}`)).status).toBe(404);
  expect((await get(js, `/api/payments/${instalment.id}`)).status).toBe(200);
  expect((await get(gx, `/api/awards/${award.id}/ledger`)).status).toBe(404);
  expect((await get(js, `/api/awards/${award.id}/ledger`)).status).toBe(200);
  const milestone = `/api/awards/${award.id}/milestones/2/accept`;
  expect((await post(gx, milestone, { note: '中期检查通过' })).status).toBe(404);
  expect((await post(js, milestone, { note: '中期检查通过' })).status).toBe(200);
});

it('原动力 (recommend) and 推广计划 (none) from 江苏 with their programs’ default stages, to the national list filtered by 江苏', async () => {
  // the stage each program names (the officer's call form preselects it; the API keeps `none` without the field)
  const programs = (await p.http().get('/api/programs')).body as {
    code: string;
    callDefaults: { provincialStage: string };
  }[];
  const stage = Object.fromEntries(programs.map((x) => [x.code, x.callDefaults.provincialStage]));
  expect(stage).toEqual({
    rending: 'check',
    jingpin: 'recommend',
    yuandongli: 'recommend',
    tuiguang: 'none',
    tuiyou: 'none',
    ydyl: 'none',
    dongmanjiang: 'none',
    'js-xiangmuku': 'none',
  });

  // an officer of 国家新闻出版署 (the national agency of 原动力 only)
  const nppa = (await get(staff.admin, '/api/agencies?level=national')).body.items.find(
    (a: { code: string }) => a.code === 'national-nppa',
  );
  const made = await post(staff.admin, '/api/users', {
    name: '原动力审核员',
    email: 'officer@nppa.pf.test',
    password: 'Staff#Pass2026',
    roles: ['officer'],
    agencyId: nppa.id,
  });
  expect(made.status).toBe(201);
  const press = await p.login('officer@nppa.pf.test', 'Staff#Pass2026');

  await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  const ydl = await createCall(p, staff.officer, 'yuandongli', {
    provincialStage: stage.yuandongli,
    provincialQuota: 1,
    budgetFen: 60_000_000,
    ...STAGED,
  });
  const tg = await createCall(p, staff.officer, 'tuiguang', {
    provincialStage: stage.tuiguang,
    budgetFen: 30_000_000,
    requestSharePercent: 50,
  });
  const ydlApps: ReviewedApp[] = [];
  for (let i = 0; i < 2; i++) {
    const c = (await registerCompany(p, 6301 + i, { region: '320102', name: `南京漫画${i + 1}号` })) as Company;
    ydlApps.push(await submitApplication(p, c, ydl, 'yuandongli', i + 1, `江苏原动力${i + 1}`));
  }
  const tgCo = (await registerCompany(p, 6311, { region: '320102', name: '无锡动漫推广有限公司' })) as Company;
  const tgApp = await submitApplication(p, tgCo, tg, 'tuiguang', 1, '江苏推广活动');

  // 原动力: the province checks both and recommends one (quota 1); the other ends not_recommended
  for (const a of ydlApps)
    expect(
      (await post(js, `/api/applications/${a.id}/provincial-check`, { decision: 'pass', opinion: '符合出版扶持条件' }))
        .body,
    ).toMatchObject({ status: 'provincial_passed' });
  const over = await post(js, `/api/calls/${ydl}/recommendations`, {
    items: ydlApps.map((a) => ({ applicationId: a.id, note: '推荐' })),
    reason: '名额所限',
  });
  expect(over.status).toBe(409);
  const rec = await post(js, `/api/calls/${ydl}/recommendations`, {
    items: [{ applicationId: ydlApps[1].id, note: '原创性强，推荐' }],
    reason: '本省推荐名额有限，未列入推荐名单',
  });
  expect(rec.body).toMatchObject({ quota: 1, count: 1, forwarded: [ydlApps[1].id] });
  expect((await get(js, `/api/applications/${ydlApps[0].id}`)).body.status).toBe('not_recommended');

  // 推广计划 has no provincial stage: the national office has it at once; 江苏's officer sees it too, 广西's does not
  expect((await get(staff.officer, `/api/applications/${tgApp.id}`)).body).toMatchObject({
    status: 'submitted',
    level: 'national',
  });
  expect((await get(js, `/api/applications/${tgApp.id}`)).status).toBe(200);
  expect((await get(gx, `/api/applications/${tgApp.id}`)).status).toBe(404);

  // the press administration's officer: 原动力's forwarded application, nothing of 推广计划
  expect(ids(await get(press, `/api/applications?callId=${ydl}`))).toEqual([ydlApps[1].id]);
  expect((await get(press, `/api/applications/${tgApp.id}`)).status).toBe(404);
  expect((await get(press, `/api/applications?callId=${tg}`)).status).toBe(404); // a call outside its programs

  // the national steps of both, to the list
  await screenAccept(p, staff.officer, ydlApps[1].id);
  await screenAccept(p, staff.officer, tgApp.id);
  await setClock(p, staff.admin, AFTER_PROVINCES);
  await reviewAndClose(p, staff, ydl, 'yuandongli', [ydlApps[1]]);
  await reviewAndClose(p, staff, tg, 'tuiguang', [tgApp]);
  const ydlAwards = await decideNoticeFinalize(ydl, [ydlApps[1]], { tier: '一档', amountFen: 30_000_000 });
  const tgAwards = await decideNoticeFinalize(tg, [tgApp], { amountFen: 15_000_000 });
  expect(ydlAwards.has(ydlApps[1].id)).toBe(true);
  expect(tgAwards.has(tgApp.id)).toBe(true);

  // the public national list, filtered by 江苏: each program's award, with the company's province
  for (const [program, app] of [
    ['yuandongli', ydlApps[1]],
    ['tuiguang', tgApp],
  ] as const) {
    const list = await p.http().get(`/api/public/awards?program=${program}&year=2026&province=32`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: { title: string; province: string }) => [x.title, x.province])).toEqual([
      [app.title, '32'],
    ]);
    const gxList = await p.http().get(`/api/public/awards?program=${program}&year=2026&province=45`);
    expect(gxList.body.total).toBe(0);
  }
});

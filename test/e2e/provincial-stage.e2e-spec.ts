/*
 * Issue 12 item 4: the provincial stage of calls. Two provinces (江苏 32, 广西 45), an officer of each and a national
 * officer (no agency: national for every program, as API.md's POST /api/users makes them); companies in both.
 * 认定 (check): the province's 初审 passes → forwarded → the national formal check. 精品工程 (recommend) with a quota
 * of 2 of 5: exactly 2 forwarded in the recorded order, 3 not_recommended with mails; the national office sees only
 * the forwarded; over the quota 409; after the provincial deadline 409; bad provincialClosesAt 400; a stage change
 * after the first submission 409.
 */
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import {
  createCall,
  provincialOfficer,
  setClock,
  setupStaff,
  Staff,
  submitApplication,
  waitForMail,
} from './awards-fixtures';

const STAGED = { provincialClosesAt: '2026-04-15T17:00:00+08:00' };

let p: TestPortal;
let staff: Staff;
let js: string; // 江苏 officer
let gx: string; // 广西 officer
type Company = Awaited<ReturnType<typeof registerCompany>>;
const jsCompanies: Company[] = [];
let gxCompany: Company;

/** create → attachments → submit; the application id. */
const submitted = async (c: Company, callId: string, caseKey: string, i: number): Promise<string> =>
  (await submitApplication(p, c, callId, caseKey, i, `${caseKey} 申报 ${i}`)).id;

const get = (token: string, path: string) => p.http().get(path).set(auth(token));
const post = (token: string, path: string, body: object) => p.http().post(path).set(auth(token)).send(body);

beforeAll(async () => {
  p = await startPortal();
  staff = await setupStaff(p, 'prov');
  js = await provincialOfficer(p, staff.admin, 'officer@js.prov.test', '32');
  gx = await provincialOfficer(p, staff.admin, 'officer@gx.prov.test', '45');
  await setClock(p, staff.admin, '2026-03-10T10:00:00+08:00');
  for (let n = 1; n <= 6; n++) jsCompanies.push(await registerCompany(p, n, { region: '320102' }));
  gxCompany = await registerCompany(p, 7, { region: '450102' });
}, 120_000);
afterAll(async () => {
  await p?.close();
});

it('认定 (check): the province runs the 初审 and forwards; only then does the national office see and screen it', async () => {
  const callId = await createCall(p, staff.officer, 'rending', { provincialStage: 'check', ...STAGED });
  const id = await submitted(jsCompanies[0], callId, 'rending', 1);

  // held by 江苏: the national officer and 广西 do not see it; the applicant sees the province has it
  expect((await get(staff.officer, `/api/applications/${id}`)).status).toBe(404);
  expect((await get(gx, `/api/applications/${id}`)).status).toBe(404);
  expect((await get(staff.officer, `/api/applications?callId=${callId}`)).body.total).toBe(0);
  expect((await get(jsCompanies[0].token, `/api/applications/${id}`)).body).toMatchObject({ level: 'provincial' });
  const mine = await get(js, `/api/applications?callId=${callId}`);
  expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
  // the national formal check cannot skip the province
  expect((await post(staff.officer, `/api/applications/${id}/screening`, { decision: 'accept' })).status).toBe(404);
  expect((await post(js, `/api/applications/${id}/screening`, { decision: 'accept' })).status).toBe(409);
  expect((await post(gx, `/api/applications/${id}/provincial-check`, { decision: 'pass', opinion: 'x' })).status).toBe(
    404,
  );

  const passed = await post(js, `/api/applications/${id}/provincial-check`, {
    decision: 'pass',
    opinion: '初审意见：材料完整，数据逻辑一致，同意上报。',
  });
  expect(passed.status).toBe(200);
  expect(passed.body).toMatchObject({
    status: 'forwarded',
    level: 'national',
    provincialOpinion: '初审意见：材料完整，数据逻辑一致，同意上报。',
  });
  expect((await get(jsCompanies[0].token, `/api/applications/${id}`)).body).toMatchObject({ level: 'national' });

  // now the national office has it; the province may no longer screen it
  expect((await get(staff.officer, `/api/applications/${id}`)).status).toBe(200);
  expect((await post(js, `/api/applications/${id}/screening`, { decision: 'accept' })).status).toBe(403);
  const accepted = await post(staff.officer, `/api/applications/${id}/screening`, { decision: 'accept' });
  expect(accepted.body).toMatchObject({ status: 'under_review' });

  const history = await get(jsCompanies[0].token, `/api/applications/${id}/history`);
  expect(history.body.map((h: { from: string | null; to: string }) => `${h.from}>${h.to}`)).toEqual([
    'null>draft',
    'draft>submitted',
    'submitted>forwarded',
    'forwarded>under_review',
  ]);
  expect(history.body[2].comment).toContain('初审意见');
  const audit: { action: string }[] = await p.ds.query(
    `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`,
    [id],
  );
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['application.forwarded', 'application.accepted']));

  const counts = await get(staff.officer, `/api/calls/${callId}/provinces`);
  expect(counts.body).toEqual([
    { provinceCode: '32', received: 1, passed: 1, forwarded: 1, notRecommended: 0, quota: null },
  ]);
});

it('精品工程 (recommend), quota 2 of 5: exactly 2 forwarded in the recorded order, 3 not recommended and mailed', async () => {
  const callId = await createCall(p, staff.officer, 'jingpin', {
    provincialStage: 'recommend',
    provincialQuota: { default: 2, byProvince: { '45': 1 } },
    ...STAGED,
  });
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await submitted(jsCompanies[i + 1], callId, 'jingpin', i + 1));
  const gxId = await submitted(gxCompany, callId, 'jingpin', 9);

  for (const id of ids) {
    const r = await post(js, `/api/applications/${id}/provincial-check`, { decision: 'pass', opinion: '符合申报条件' });
    expect(r.body).toMatchObject({ status: 'provincial_passed', level: 'provincial' });
  }
  // over the quota: 409 naming the quota and the count
  const over = await post(js, `/api/calls/${callId}/recommendations`, {
    items: ids.slice(0, 3).map((applicationId) => ({ applicationId, note: '推荐' })),
    reason: '名额有限',
  });
  expect(over.status).toBe(409);
  expect(over.body.message.en).toMatch(/quota is 2/);
  expect(over.body.message.en).toMatch(/make 3/);
  // another province's application: 404; the national officer does not recommend
  const foreign = await post(js, `/api/calls/${callId}/recommendations`, {
    items: [{ applicationId: gxId, note: '推荐' }],
  });
  expect(foreign.status).toBe(404);
  expect((await post(staff.officer, `/api/calls/${callId}/recommendations`, { items: [] })).status).toBe(403);
  // the rest needs a reason
  expect(
    (await post(js, `/api/calls/${callId}/recommendations`, { items: [{ applicationId: ids[2], note: '推荐' }] }))
      .status,
  ).toBe(400);

  const done = await post(js, `/api/calls/${callId}/recommendations`, {
    items: [
      { applicationId: ids[3], note: '题材新颖，制作精良，推荐第一' },
      { applicationId: ids[0], note: '市场前景好，推荐第二' },
    ],
    reason: '本省推荐名额有限，未列入推荐名单',
  });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ provinceCode: '32', quota: 2, count: 2, forwarded: [ids[3], ids[0]] });
  expect([...done.body.notRecommended].sort()).toEqual([ids[1], ids[2], ids[4]].sort());

  const first = (await get(js, `/api/applications/${ids[3]}`)).body;
  expect(first).toMatchObject({
    status: 'forwarded',
    recommendationRank: 1,
    recommendationNote: '题材新颖，制作精良，推荐第一',
  });
  expect((await get(js, `/api/applications/${ids[0]}`)).body).toMatchObject({
    status: 'forwarded',
    recommendationRank: 2,
  });
  for (const i of [1, 2, 4]) {
    expect((await get(js, `/api/applications/${ids[i]}`)).body.status).toBe('not_recommended');
    await waitForMail(p, jsCompanies[i + 1].email, /本省推荐名额有限/);
  }

  // the national office sees the forwarded two only
  const national = await get(staff.officer, `/api/applications?callId=${callId}&pageSize=100`);
  expect(national.body.items.map((a: { id: string }) => a.id).sort()).toEqual([ids[0], ids[3]].sort());
  expect((await get(staff.officer, `/api/applications/${ids[1]}`)).status).toBe(404);
  expect((await get(staff.officer, `/api/applications/${gxId}`)).status).toBe(404);

  // the quota is spent: one more is 409 (quota 2, count 3)
  const more = await post(js, `/api/calls/${callId}/recommendations`, {
    items: [{ applicationId: ids[1], note: '补充推荐' }],
  });
  expect(more.status).toBe(409);

  // per-province counts: the national officer sees both provinces, 江苏's officer only 江苏
  const counts = await get(staff.officer, `/api/calls/${callId}/provinces`);
  expect(counts.body).toEqual([
    { provinceCode: '32', received: 5, passed: 5, forwarded: 2, notRecommended: 3, quota: 2 },
    { provinceCode: '45', received: 1, passed: 0, forwarded: 0, notRecommended: 0, quota: 1 },
  ]);
  expect(
    (await get(js, `/api/calls/${callId}/provinces`)).body.map((r: { provinceCode: string }) => r.provinceCode),
  ).toEqual(['32']);

  // after the provincial deadline 广西 can no longer check or forward
  await setClock(p, staff.admin, '2026-04-15T17:00:00+08:00');
  expect(
    (await post(gx, `/api/applications/${gxId}/provincial-check`, { decision: 'pass', opinion: '同意' })).status,
  ).toBe(409);
  expect((await post(gx, `/api/calls/${callId}/recommendations`, { items: [], reason: '逾期' })).status).toBe(409);
  await setClock(p, staff.admin, '2026-03-10T10:00:00+08:00');
});

it('refuses a provincial deadline not after closesAt (400), keeps none without the field, and locks the stage at the first submission (409)', async () => {
  const base = {
    programCode: 'rending',
    year: 2026,
    title: '2026 年度动漫企业认定',
    opensAt: '2026-03-01T00:00:00+08:00',
    closesAt: '2026-03-31T17:00:00+08:00',
    budgetFen: 0,
    reviewersPerApplication: 2,
    blindReview: false,
    regionRecusal: false,
    noticeWorkingDays: 5,
    aggregation: 'mean',
  };
  const early = await post(staff.officer, '/api/calls', {
    ...base,
    provincialStage: 'check',
    provincialClosesAt: '2026-03-31T17:00:00+08:00',
  });
  expect(early.status).toBe(400);
  expect(early.body.details[0].path).toBe('provincialClosesAt');
  expect((await post(staff.officer, '/api/calls', { ...base, provincialStage: 'check' })).status).toBe(400);
  expect((await post(staff.officer, '/api/calls', { ...base, provincialStage: 'recommend', ...STAGED })).status).toBe(
    400,
  ); // a recommendation stage needs its quota

  const plain = await post(staff.officer, '/api/calls', base);
  expect(plain.body).toMatchObject({ provincialStage: 'none', provincialQuota: null, provincialClosesAt: null });

  // before the first submission the stage may change (the drafts follow); after it, 409
  const company = await registerCompany(p, 20, { region: '320102' });
  const draft = await post(company.token, `/api/calls/${plain.body.id}/applications`, {
    title: '草稿',
    track: 'enterprise',
    payload: {},
  });
  const staged = await p
    .http()
    .patch(`/api/calls/${plain.body.id}`)
    .set(auth(staff.officer))
    .send({ version: plain.body.version, provincialStage: 'check', ...STAGED });
  expect(staged.status).toBe(200);
  expect((await get(company.token, `/api/applications/${draft.body.id}`)).body.level).toBe('provincial');

  await submitted(company, plain.body.id, 'rending', 20);
  const locked = await p
    .http()
    .patch(`/api/calls/${plain.body.id}`)
    .set(auth(staff.officer))
    .send({ version: staged.body.version, provincialStage: 'none' });
  expect(locked.status).toBe(409);
});

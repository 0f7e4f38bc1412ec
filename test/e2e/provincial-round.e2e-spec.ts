/*
 * Issue 12 item 4: the provincial expert round of a `recommend` call. 精品工程 with a quota of 2; experts of 江苏 and
 * of 广西 beside the national (北京) ones; 5 江苏 applications and one of 广西. 江苏's round draws only 江苏 experts over
 * 江苏's provincial_passed applications (a decline is replaced from 江苏 too), ranks the 5 by their scores, and the
 * province forwards the top 2 in ranking order. The national draw waits for the provincial deadline (409), then
 * draws over the 2 forwarded only, and its ranking ignores the provincial scores. 广西's officer and the national
 * officer get 404 on 江苏's round.
 */
import { AccountStatusCache } from '../../libs/identity/src/users/account-status';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { createCall, PASSWORD, PROGRAM_CASES, setClock, setupStaff, Staff } from './awards-fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let p: TestPortal;
let staff: Staff;
let js: string; // 江苏 officer
let gx: string; // 广西 officer
const jsExperts: { id: string; token: string }[] = [];
const gxExperts: { id: string; token: string }[] = [];
type Company = Awaited<ReturnType<typeof registerCompany>>;

const get = (token: string, path: string) => p.http().get(path).set(auth(token));
const post = (token: string, path: string, body: object = {}) => p.http().post(path).set(auth(token)).send(body);

async function provincialOfficer(email: string, province: string): Promise<string> {
  const made = await post(staff.admin, '/api/users', {
    name: `${province} 审核员`,
    email,
    password: PASSWORD,
    roles: ['officer'],
  });
  expect(made.status).toBe(201);
  await p.ds.query(`UPDATE app_user SET agency_id = (SELECT id FROM agency WHERE code = $2) WHERE id = $1`, [
    made.body.id,
    `prov-${province}`,
  ]);
  p.app.get(AccountStatusCache).invalidate(made.body.id);
  return p.login(email, PASSWORD);
}

async function expert(email: string, regionCode: string): Promise<{ id: string; token: string }> {
  const made = await post(staff.admin, '/api/users', {
    name: `专家 ${email}`,
    email,
    password: PASSWORD,
    roles: ['expert'],
    expert: { fields: ['jingpin'], employerCreditCode: '91110000600037341L', regionCode, conflicts: [] },
  });
  expect(made.status).toBe(201);
  return { id: made.body.id, token: await p.login(email, PASSWORD) };
}

async function submitted(c: Company, callId: string, i: number): Promise<string> {
  const spec = PROGRAM_CASES.jingpin;
  const created = await post(c.token, `/api/calls/${callId}/applications`, {
    title: `精品工程申报 ${i}`,
    track: spec.track,
    payload: spec.payload(i),
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const kind of spec.kinds) {
    const up = await p
      .http()
      .post(`/api/applications/${id}/attachments`)
      .set(auth(c.token))
      .field('kind', kind)
      .attach('file', PDF, { filename: `${kind}.pdf`, contentType: 'application/pdf' });
    expect(up.status).toBe(201);
  }
  expect((await post(c.token, `/api/applications/${id}/submit`)).body).toMatchObject({ status: 'submitted' });
  return id;
}

/** Every pending review of `token` on one of `scoreOf`'s applications, submitted with that score on every criterion. */
async function scoreAll(token: string, scoreOf: Map<string, number>): Promise<number> {
  const programs = await p.http().get('/api/programs');
  const rubric: { key: string; max: number }[] = programs.body.find(
    (x: { code: string }) => x.code === 'jingpin',
  ).rubric;
  const list = await get(token, '/api/reviews?pageSize=100&status=pending');
  let n = 0;
  for (const r of list.body.items as { id: string; applicationId: string }[]) {
    const v = scoreOf.get(r.applicationId);
    if (v === undefined) continue;
    const scores = Object.fromEntries(rubric.map((c) => [c.key, Math.min(c.max, v)]));
    const sub = await post(token, `/api/reviews/${r.id}/submit`, { scores, comment: '评审意见：创意突出，制作扎实。' });
    expect(sub.status).toBe(200);
    n++;
  }
  return n;
}

beforeAll(async () => {
  p = await startPortal();
  staff = await setupStaff(p, 'provround'); // the national officer and three 北京 experts
  js = await provincialOfficer('officer@js.provround.test', '32');
  gx = await provincialOfficer('officer@gx.provround.test', '45');
  for (let i = 1; i <= 3; i++) jsExperts.push(await expert(`js-expert${i}@provround.test`, `32010${i}`));
  for (let i = 1; i <= 2; i++) gxExperts.push(await expert(`gx-expert${i}@provround.test`, `45010${i}`));
  await setClock(p, staff.admin, '2026-03-10T10:00:00+08:00');
}, 120_000);
afterAll(async () => {
  await p?.close();
});

it('江苏 runs its own expert round, forwards the top 2 by its ranking; the national round sees only those 2', async () => {
  const callId = await createCall(p, staff.officer, 'jingpin', {
    provincialStage: 'recommend',
    provincialQuota: 2,
    provincialClosesAt: '2026-04-15T17:00:00+08:00',
    blindReview: true,
    // the national round recuses experts of the applicant's province; a province's own round draws from it regardless
    regionRecusal: true,
  });
  const ids: string[] = [];
  for (let i = 0; i < 5; i++)
    ids.push(await submitted(await registerCompany(p, 40 + i, { region: '320102' }), callId, i + 1));
  const gxId = await submitted(await registerCompany(p, 49, { region: '450102' }), callId, 9);
  for (const id of ids)
    expect(
      (await post(js, `/api/applications/${id}/provincial-check`, { decision: 'pass', opinion: '符合条件' })).body,
    ).toMatchObject({ status: 'provincial_passed' });
  expect(
    (await post(gx, `/api/applications/${gxId}/provincial-check`, { decision: 'pass', opinion: '符合条件' })).status,
  ).toBe(200);

  const round = `/api/calls/${callId}/provinces/32`;
  // the national review comes after the provinces: no national draw before the provincial deadline
  const early = await post(staff.officer, `/api/calls/${callId}/review-draw`, { seed: 5 });
  expect(early.status).toBe(409);
  expect(early.body.code).toBe('REVIEW.PROVINCES_OPEN');
  expect(early.body.message.en).toMatch(/after the provinces/);
  // 江苏's round is 江苏's: 广西 and the national office get 404, and 江苏 cannot run 广西's
  expect((await post(gx, `${round}/review-draw`, { seed: 5 })).status).toBe(404);
  expect((await get(gx, `${round}/review-progress`)).status).toBe(404);
  expect((await get(gx, `${round}/ranking`)).status).toBe(404);
  expect((await post(staff.officer, `${round}/review-draw`, { seed: 5 })).status).toBe(404);
  expect((await post(js, `/api/calls/${callId}/provinces/45/review-draw`, { seed: 5 })).status).toBe(404);
  // nor the national round's routes
  expect((await post(js, `/api/calls/${callId}/review-draw`, { seed: 5 })).status).toBe(404);

  const drawn = await post(js, `${round}/review-draw`, { seed: 11 });
  expect(drawn.status).toBe(200);
  expect(drawn.body).toMatchObject({ assigned: 10, shortfalls: [], seed: 11 });
  const rows: { application_id: string; expert_id: string; round_province: string | null }[] = await p.ds.query(
    `SELECT application_id, expert_id, round_province FROM review_assignment WHERE call_id = $1`,
    [callId],
  );
  const jsIds = jsExperts.map((e) => e.id);
  expect(rows).toHaveLength(10);
  for (const r of rows) {
    expect(jsIds).toContain(r.expert_id); // only experts registered with 江苏
    expect(ids).toContain(r.application_id); // only 江苏's passed applications (not 广西's)
    expect(r.round_province).toBe('32');
  }
  // a decline is replaced from 江苏's experts as well
  const first = (await get(jsExperts[0].token, '/api/reviews?status=pending&pageSize=100')).body.items[0];
  const declined = await post(jsExperts[0].token, `/api/reviews/${first.id}/decline`, { reason: 'unavailable' });
  expect(declined.status).toBe(200);
  expect(declined.body.replacement).toMatchObject({ assigned: 1 });
  const replaced: { expert_id: string; round_province: string }[] = await p.ds.query(
    `SELECT expert_id, round_province FROM review_assignment WHERE application_id = $1 AND status = 'pending'`,
    [first.applicationId],
  );
  expect(replaced).toHaveLength(2);
  for (const r of replaced) {
    expect(jsIds).toContain(r.expert_id);
    expect(r.round_province).toBe('32');
  }

  const progress = await get(js, `${round}/review-progress`);
  expect(progress.status).toBe(200);
  expect(progress.body).toMatchObject({ pending: 10, submitted: 0, declined: 1, closedAt: null });
  expect(progress.body.byApplication.map((a: { applicationId: string }) => a.applicationId).sort()).toEqual(
    [...ids].sort(),
  );
  expect((await get(js, `${round}/ranking`)).status).toBe(409);
  // the national office sees none of the province's reviews
  expect((await get(staff.officer, `/api/reviews?callId=${callId}`)).body.total).toBe(0);
  for (const e of gxExperts) expect((await get(e.token, '/api/reviews')).body.total).toBe(0);

  // 江苏's experts score: ids[1] best, then ids[3], ids[4], ids[0], ids[2]
  const provincial = new Map([
    [ids[0], 5],
    [ids[1], 9],
    [ids[2], 3],
    [ids[3], 8],
    [ids[4], 6],
  ]);
  let n = 0;
  for (const e of jsExperts) n += await scoreAll(e.token, provincial);
  expect(n).toBe(10);
  const closed = await post(js, `${round}/review-close`);
  expect(closed.status).toBe(200);
  expect(closed.body).toMatchObject({ submitted: 10, expired: 0, reviewed: 5, unreviewed: [] });
  expect((await post(js, `${round}/review-close`)).status).toBe(409);
  // still the province's: nothing moved to the national level
  expect((await get(js, `/api/applications/${ids[1]}`)).body).toMatchObject({
    status: 'provincial_passed',
    level: 'provincial',
  });

  const ranking = await get(js, `${round}/ranking`);
  expect(ranking.status).toBe(200);
  expect(ranking.body.map((r: { applicationId: string }) => r.applicationId)).toEqual([
    ids[1],
    ids[3],
    ids[4],
    ids[0],
    ids[2],
  ]);
  expect(ranking.body.every((r: { reviews: number }) => r.reviews === 2)).toBe(true);
  const provincialScore = new Map<string, number>(
    ranking.body.map((r: { applicationId: string; score: number }) => [r.applicationId, r.score]),
  );

  // the province forwards the top 2 in its ranking's order
  const top = ranking.body.slice(0, 2).map((r: { applicationId: string }) => r.applicationId);
  const forwarded = await post(js, `/api/calls/${callId}/recommendations`, {
    items: top.map((applicationId: string, i: number) => ({ applicationId, note: `省级评审第 ${i + 1} 名` })),
    reason: '省级专家评审排名未进入推荐名额',
  });
  expect(forwarded.status).toBe(200);
  expect(forwarded.body).toMatchObject({ forwarded: [ids[1], ids[3]], count: 2, quota: 2 });
  expect((await get(js, `/api/applications/${ids[3]}`)).body).toMatchObject({
    status: 'forwarded',
    recommendationRank: 2,
  });

  // the national round, after the provincial deadline, over the forwarded two only
  await setClock(p, staff.admin, '2026-04-16T09:00:00+08:00');
  for (const id of top)
    expect((await post(staff.officer, `/api/applications/${id}/screening`, { decision: 'accept' })).body).toMatchObject(
      { status: 'under_review' },
    );
  const national = await post(staff.officer, `/api/calls/${callId}/review-draw`, { seed: 12 });
  expect(national.status).toBe(200);
  expect(national.body).toMatchObject({ assigned: 4, shortfalls: [] });
  const nationalRows: { application_id: string; expert_id: string }[] = await p.ds.query(
    `SELECT application_id, expert_id FROM review_assignment WHERE call_id = $1 AND round_province IS NULL`,
    [callId],
  );
  expect([...new Set(nationalRows.map((r) => r.application_id))].sort()).toEqual([...top].sort());
  for (const r of nationalRows) expect(jsIds).not.toContain(r.expert_id);
  const nationalProgress = await get(staff.officer, `/api/calls/${callId}/review-progress`);
  expect(nationalProgress.body).toMatchObject({ total: 4, pending: 4, submitted: 0 });
  expect(nationalProgress.body.byApplication).toHaveLength(2);
  expect((await get(staff.officer, `/api/reviews?callId=${callId}`)).body.total).toBe(4);

  // the national experts reverse the order: the provincial scores take no part in the national aggregation
  const nationalScores = new Map([
    [ids[1], 4],
    [ids[3], 7],
  ]);
  n = 0;
  for (const e of [...staff.experts, ...gxExperts.map((x) => x.token)]) n += await scoreAll(e, nationalScores);
  expect(n).toBe(4);
  expect((await post(staff.officer, `/api/calls/${callId}/review-close`)).status).toBe(200);
  const nationalRanking = await get(staff.officer, `/api/calls/${callId}/ranking`);
  expect(nationalRanking.status).toBe(200);
  expect(nationalRanking.body.map((r: { applicationId: string }) => r.applicationId)).toEqual([ids[3], ids[1]]);
  for (const r of nationalRanking.body as { applicationId: string; reviews: number; score: number }[]) {
    expect(r.reviews).toBe(2);
    expect(r.score).not.toBe(provincialScore.get(r.applicationId));
  }
  // and the province's ranking stays as it was
  expect((await get(js, `${round}/ranking`)).body.map((r: { score: number }) => r.score)).toEqual(
    ranking.body.map((r: { score: number }) => r.score),
  );
});

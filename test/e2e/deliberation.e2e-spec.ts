/*
 * Issue 15: deliberation votes (表决) as a review kind beside blind scoring. On a call with `deliberation` on, the
 * leading group votes on the reviewed applications after the expert review; a majority of the members present elects;
 * only the elected can be awarded (by hand or by the fill by ranking), a revote is a new session whose tally replaces
 * the earlier one, and every session is audited. Tallies that do not add up, too few members, a nominee already decided
 * and a call without the setting are refused with their own codes.
 */
import { auth, startPortal, TestPortal } from '../support/portal';
import { reviewedCall, setClock, setupStaff, Staff } from './awards-fixtures';

jest.setTimeout(120_000);

const MEMBERS = ['王主任', '李委员', '张委员', '赵委员', '钱委员'];

describe('deliberation votes (API)', () => {
  let p: TestPortal;
  let staff: Staff;

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'dl');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('a majority of the members present elects; only the elected are awarded; a revote replaces a tally', async () => {
    const { callId, apps } = await reviewedCall(p, staff, 'tuiyou', 4, {
      firstCompany: 8501,
      call: { deliberation: true, budgetFen: 300_000_000 },
    });
    const path = `/api/calls/${callId}/deliberation`;
    const officer = auth(staff.officer);
    expect((await p.http().get(`/api/calls/${callId}`)).body.deliberation).toBe(true);
    // the setting is frozen with the review settings once the draw has run
    const call = (await p.http().get(`/api/calls/${callId}`)).body;
    const patch = await p
      .http()
      .patch(`/api/calls/${callId}`)
      .set(officer)
      .send({ deliberation: false, version: call.version });
    expect(patch.status).toBe(409);
    expect((await p.http().get(path).set(officer)).body).toEqual({ enabled: true, elected: [], sessions: [] });

    const vote = (members: string[], votes: { applicationId: string; yes: number; no: number; abstain: number }[]) =>
      p.http().post(path).set(officer).send({ members, votes, note: '第一次会议纪要' });
    // too few members; a tally that does not add up to the members present
    expect((await vote(MEMBERS.slice(0, 2), [{ applicationId: apps[0].id, yes: 2, no: 0, abstain: 0 }])).status).toBe(
      400,
    );
    const bad = await vote(MEMBERS, [{ applicationId: apps[0].id, yes: 3, no: 1, abstain: 0 }]);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('DELIBERATION.TALLY_INVALID');
    expect(bad.body.details[0].path).toBe('votes.0');

    // 5 present: 5 and 3 votes for elect, 2 does not; the fourth is not voted on
    const first = await vote(MEMBERS, [
      { applicationId: apps[0].id, yes: 5, no: 0, abstain: 0 },
      { applicationId: apps[1].id, yes: 3, no: 1, abstain: 1 },
      { applicationId: apps[2].id, yes: 2, no: 2, abstain: 1 },
    ]);
    expect(first.status).toBe(201);
    expect(first.body.elected.sort()).toEqual([apps[0].id, apps[1].id].sort());
    expect(first.body.sessions[0].members).toEqual(MEMBERS);
    expect(first.body.sessions[0].votes.map((v: any) => [v.number, v.elected])).toEqual([
      [apps[0].number, true],
      [apps[1].number, true],
      [apps[2].number, false],
    ]);

    // the fill by ranking awards the elected only, in ranking order
    const tiers = [{ tier: '一等', amountFen: 30_000_000, count: 4 }];
    const preview = await p.http().post(`/api/calls/${callId}/decisions/fill-by-ranking`).set(officer).send({ tiers });
    expect(preview.status).toBe(200);
    const outcome = new Map(preview.body.items.map((i: any) => [i.applicationId, i.outcome]));
    expect(apps.map((a) => outcome.get(a.id))).toEqual(['award', 'award', 'reject', 'reject']);
    // by hand: the third was not elected
    const decide = (id: string) =>
      p.http().put(`/api/calls/${callId}/decisions/${id}`).set(officer).send({
        outcome: 'award',
        tier: '二等',
        amountFen: 20_000_000,
        note: '表决后立项',
      });
    const refused = await decide(apps[2].id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DECISIONS.NOT_ELECTED');

    // a revote: 4 of 5 now; the latest tally counts
    const second = await vote(MEMBERS, [{ applicationId: apps[2].id, yes: 4, no: 1, abstain: 0 }]);
    expect(second.status).toBe(201);
    expect(second.body.sessions).toHaveLength(2);
    expect(second.body.elected.sort()).toEqual([apps[0].id, apps[1].id, apps[2].id].sort());
    expect((await decide(apps[2].id)).status).toBe(200);
    // a decided application is no longer a nominee
    const late = await vote(MEMBERS, [{ applicationId: apps[2].id, yes: 0, no: 5, abstain: 0 }]);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DELIBERATION.NOT_NOMINEE');
    // duplicate nominee in one vote
    const twice = await vote(MEMBERS, [
      { applicationId: apps[3].id, yes: 5, no: 0, abstain: 0 },
      { applicationId: apps[3].id, yes: 0, no: 5, abstain: 0 },
    ]);
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('DELIBERATION.DUPLICATE_NOMINEE');

    // every session is audited with its tallies
    const audited = await p.ds.query(
      `SELECT data FROM audit_event WHERE action = 'deliberation.recorded' AND entity_id = $1 ORDER BY seq`,
      [callId],
    );
    expect(audited).toHaveLength(2);
    expect(audited[1].data.votes[0]).toMatchObject({ applicationId: apps[2].id, yes: 4, elected: true });
  });

  it('a call without the setting has no vote, and its decisions are as before', async () => {
    const { callId, apps } = await reviewedCall(p, staff, 'tuiyou', 1, {
      firstCompany: 8511,
      call: { budgetFen: 300_000_000 },
    });
    const res = await p
      .http()
      .post(`/api/calls/${callId}/deliberation`)
      .set(auth(staff.officer))
      .send({ members: MEMBERS, votes: [{ applicationId: apps[0].id, yes: 5, no: 0, abstain: 0 }] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DELIBERATION.NOT_ENABLED');
    expect((await p.http().get(`/api/calls/${callId}/deliberation`).set(auth(staff.officer))).body.enabled).toBe(false);
    const decided = await p
      .http()
      .put(`/api/calls/${callId}/decisions/${apps[0].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '一等', amountFen: 30_000_000, note: '立项' });
    expect(decided.status).toBe(200);
    // an applicant cannot read or record a vote
    const applicant = await p.http().get(`/api/calls/${callId}/deliberation`).set(auth(apps[0].company.token));
    expect(applicant.status).toBe(403);
  });
});

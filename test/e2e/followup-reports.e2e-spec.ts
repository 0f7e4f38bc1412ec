/*
 * Issue 13, reports, evaluation and due dates (real Postgres, Redis, SMTP sink, the worker, the staging clock): a
 * 精品工程 award on a call with `reportsRequired` and `agreementRequired` (accepted and countersigned first) → first
 * instalment paid → the mid-term report returned, resubmitted and accepted → instalment 2 due and paid → the closing report
 * reminded 30 / 7 / 1 days before (once each), overdue (instalment 3 held with the reason), 60 days overdue (a warning
 * the officer confirms: a violation flag) → accepted (hold released, instalment 3 due) → evaluation 不合格 → the award
 * revoked with the paid money put up for recovery and the organization barred (a new application fails
 * common.not-excluded). Edge cases: 404 for another company, 403 across roles, 409 for a pending report, for an
 * accepted one, for a report whose instalment is already paid, for a revoked award; 400 / 422 / 415 on bad input.
 * Then a 推广计划 award paid against its closing report (spending lines = the application's cost lines, the proof
 * required), graded 优秀.
 */
import { ReportSweep } from '../../libs/followup/src/reports/report-sweep';
import { auth, startPortal, TestPortal } from '../support/portal';
import {
  createCall,
  mailText,
  pdfText,
  provincialOfficer,
  ReviewedApp,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
  waitForMail,
  waitForPayments,
} from './awards-fixtures';

jest.setTimeout(90_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const MIDTERM = {
  progress: '已完成前 12 集的制作。',
  completedDeliverables: [{ name: '第 1–12 集成片', completedOn: '2026-09-30' }],
  spending: [
    { costLine: '制作费', amountFen: 4_000_000 },
    { costLine: '宣传费', amountFen: 500_000 },
  ],
};

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const at = (day: string) => `${day}T10:00:00+08:00`;

describe('followup: reports, reminders, overdue holds and the evaluation (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let callId: string;
  let apps: ReviewedApp[];
  const awardOf: Record<string, string> = {};
  const http = () => p.http();
  let a1: ReviewedApp; // the grantee followed through
  let a2: ReviewedApp; // another company
  let award1: string;
  let award2: string;
  const sweep = () => p.worker!.get(ReportSweep).run();
  const reportsOf = async (token: string, awardId: string) => {
    const res = await http().get(`/api/awards/${awardId}/reports`).set(auth(token));
    expect(res.status).toBe(200);
    return res.body;
  };
  const payInstalment = async (instalmentNo: number, count: number) => {
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo });
    expect(batch.status).toBe(201);
    expect(batch.body.count).toBe(count);
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB))).status).toBe(
      200,
    );
    await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid');
  };

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'fr');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({ callId, apps } = await reviewedCall(p, staff, 'jingpin', 2, {
      firstCompany: 6101,
      // the whole life of the grant (issue 13's flow): the agreement gates the money, the reports release it
      call: { budgetFen: 100_000_000, reportsRequired: true, agreementRequired: true },
    }));
    [a1, a2] = apps;
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    for (const a of apps) {
      const d = await http()
        .put(`/api/calls/${callId}/decisions/${a.id}`)
        .set(auth(staff.officer))
        .send({ outcome: 'award', tier: '一等', amountFen: 10_000_000, note: '立项' });
      expect(d.status).toBe(200);
    }
    expect((await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({})).status).toBe(201);
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const fin = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(fin.status).toBe(200);
    for (const a of fin.body.awards) awardOf[a.applicationId] = a.id;
    award1 = awardOf[a1.id];
    award2 = awardOf[a2.id];
    // nothing is paid before the agreement: held with the reason, no batch
    const held = await http().get(`/api/payments?callId=${callId}&status=held`).set(auth(staff.financeA));
    expect(held.body.items.map((i: any) => i.holdReasons)).toEqual(Array(6).fill(['agreement']));
    const none = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(none.status).toBe(422);
    // each grantee accepts its task agreement, the officer countersigns it: the holds are released
    for (const a of apps) {
      const ok = await http().post(`/api/awards/${awardOf[a.id]}/agreement/accept`).set(auth(a.company.token)).send({});
      expect(ok.status).toBe(200);
      const sign = await http()
        .post(`/api/awards/${awardOf[a.id]}/agreement/countersign`)
        .set(auth(staff.officer))
        .send({});
      expect(sign.status).toBe(200);
    }
    expect((await http().get(`/api/payments?callId=${callId}&status=held`).set(auth(staff.financeA))).body.total).toBe(
      0,
    );
    await payInstalment(1, 2);
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it('shows the schedule with due days and countdowns to the grantee and the officer; 404 for another company', async () => {
    const mine = await reportsOf(a1.company.token, award1);
    expect(mine).toMatchObject({ awardId: award1, programCode: 'jingpin', reportsRequired: true, today: '2026-04-10' });
    expect(mine.reports.map((r: any) => [r.kind, r.status, r.releasesInstalmentNo, r.closing])).toEqual([
      ['midterm', 'draft', 2, false],
      ['closing', 'draft', 3, true],
    ]);
    expect(mine.reports[0]).toMatchObject({ dueOn: '2026-10-10', daysLeft: 183, overdue: false });
    expect(mine.reports[1].dueOn > '2026-10-10').toBe(true);
    expect(mine.instalments.map((i: any) => [i.instalmentNo, i.status])).toEqual([
      [1, 'paid'],
      [2, 'planned'],
      [3, 'planned'],
    ]);
    expect(mine.evaluationOpen).toBe(false);
    expect((await http().get(`/api/awards/${award1}/reports`).set(auth(staff.officer))).status).toBe(200);
    expect((await http().get(`/api/awards/${award1}/reports`).set(auth(a2.company.token))).status).toBe(404);
    expect(
      (await http().put(`/api/awards/${award1}/reports/midterm`).set(auth(a2.company.token)).send({ payload: MIDTERM }))
        .status,
    ).toBe(404);
    // the programs list the schedules and the evaluation
    const programs = (await http().get('/api/programs')).body;
    const jp = programs.find((x: any) => x.code === 'jingpin');
    expect(jp.reports.map((r: any) => [r.kind, r.due, r.releasesInstalmentNo])).toEqual([
      ['midterm', { monthsAfterAward: 6, atPlanEnd: false }, 2],
      ['closing', { monthsAfterAward: null, atPlanEnd: true }, 3],
    ]);
    expect(jp.reports[0].formSchema.properties).toHaveProperty('spending');
    expect(jp.evaluation).toMatchObject({
      gradeFloors: { excellent: 90, good: 75, pass: 60 },
      failRecoveryPercent: 100,
      failBarYears: 3,
    });
    expect(jp.evaluation.rubric).toHaveLength(4);
    expect(programs.find((x: any) => x.code === 'tuiguang').reports.map((r: any) => r.kind)).toEqual(['closing']);
  });

  let midtermId: string;
  it('mid-term: draft checked (400), incomplete submit (422), submitted, pending (409), returned, resubmitted', async () => {
    const t = a1.company.token;
    const bad = await http()
      .put(`/api/awards/${award1}/reports/midterm`)
      .set(auth(t))
      .send({ payload: { progress: 5, hacker: true } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('REPORT.PAYLOAD_INVALID');
    expect(bad.body.details.map((d: any) => d.path)).toEqual(expect.arrayContaining(['payload.progress']));
    expect(
      (await http().put(`/api/awards/${award1}/reports/midterm`).set(auth(staff.officer)).send({ payload: {} })).status,
    ).toBe(403);
    expect((await http().put(`/api/awards/${award1}/reports/nonsense`).set(auth(t)).send({ payload: {} })).status).toBe(
      404,
    );
    const part = await http()
      .put(`/api/awards/${award1}/reports/midterm`)
      .set(auth(t))
      .send({ payload: { progress: '进行中' } });
    expect(part.status).toBe(200);
    midtermId = part.body.id;
    const incomplete = await http().post(`/api/awards/${award1}/reports/midterm/submit`).set(auth(t)).send({});
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.details.map((d: any) => d.path)).toEqual(
      expect.arrayContaining(['payload.completedDeliverables', 'payload.spending']),
    );
    expect(
      (await http().put(`/api/awards/${award1}/reports/midterm`).set(auth(t)).send({ payload: MIDTERM })).status,
    ).toBe(200);
    const up = await http()
      .post(`/api/awards/${award1}/reports/midterm/attachments`)
      .set(auth(t))
      .field('kind', 'progress-evidence')
      .attach('file', PDF, { filename: '进度.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ kind: 'progress-evidence', mimeType: 'application/pdf', sizeBytes: PDF.length });
    const fake = await http()
      .post(`/api/awards/${award1}/reports/midterm/attachments`)
      .set(auth(t))
      .field('kind', 'progress-evidence')
      .attach('file', Buffer.from('not a pdf'), { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(fake.status).toBe(415);
    const sub = await http().post(`/api/awards/${award1}/reports/midterm/submit`).set(auth(t)).send({});
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ status: 'submitted', version: 2 });
    // a second submission for the same report while one is pending → 409; so is an edit
    const again = await http().post(`/api/awards/${award1}/reports/midterm/submit`).set(auth(t)).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REPORT.PENDING');
    expect(
      (await http().put(`/api/awards/${award1}/reports/midterm`).set(auth(t)).send({ payload: MIDTERM })).status,
    ).toBe(409);

    // the officer's queue; the grantee cannot act as officer
    const queue = await http().get('/api/reports?status=submitted').set(auth(staff.officer));
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: any) => [r.id, r.kind, r.number])).toEqual([[midtermId, 'midterm', a1.number]]);
    expect((await http().get('/api/reports?status=submitted').set(auth(t))).status).toBe(403);
    expect((await http().post(`/api/reports/${midtermId}/accept`).set(auth(t)).send({})).status).toBe(403);

    // an officer of another province (江苏; the companies are in 北京) sees none of it: 404, empty queues
    const js = await provincialOfficer(p, staff.admin, 'officer-js@fr.test', '32');
    expect((await http().get(`/api/awards/${award1}/reports`).set(auth(js))).status).toBe(404);
    expect((await http().post(`/api/reports/${midtermId}/accept`).set(auth(js)).send({})).status).toBe(404);
    expect((await http().post(`/api/reports/${midtermId}/return`).set(auth(js)).send({ note: 'x' })).status).toBe(404);
    expect((await http().get('/api/reports?status=submitted').set(auth(js))).body.total).toBe(0);

    const ret = await http()
      .post(`/api/reports/${midtermId}/return`)
      .set(auth(staff.officer))
      .send({ note: '请补充资金使用明细' });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: 'returned', note: '请补充资金使用明细' });
    await waitForMail(p, a1.company.email, /中期检查报告已退回修改[\s\S]*请补充资金使用明细/);
    expect(
      (await http().post(`/api/reports/${midtermId}/return`).set(auth(staff.officer)).send({ note: 'x' })).status,
    ).toBe(409);
    const fixed = await http()
      .put(`/api/awards/${award1}/reports/midterm`)
      .set(auth(t))
      .send({ payload: { ...MIDTERM, spending: [...MIDTERM.spending, { costLine: '配音', amountFen: 300_000 }] } });
    expect(fixed.status).toBe(200);
    const resub = await http().post(`/api/awards/${award1}/reports/midterm/submit`).set(auth(t)).send({});
    expect(resub.status).toBe(200);
    expect(resub.body).toMatchObject({ status: 'submitted', version: 3 });
  });

  it('accepting the mid-term makes instalment 2 due today; an instalment already paid → 409', async () => {
    await setClock(p, staff.admin, '2026-10-09T10:00:00+08:00');
    const acc = await http().post(`/api/reports/${midtermId}/accept`).set(auth(staff.officer)).send({ note: '通过' });
    expect(acc.status).toBe(200);
    expect(acc.body.status).toBe('accepted');
    const inst2 = (await http().get(`/api/payments?awardId=${award1}&instalmentNo=2`).set(auth(staff.financeA))).body
      .items[0];
    expect(inst2).toMatchObject({ status: 'planned', dueOn: '2026-10-09' });
    const again = await http().post(`/api/reports/${midtermId}/accept`).set(auth(staff.officer)).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REPORT.ALREADY_ACCEPTED');
    expect(
      (await http().put(`/api/awards/${award1}/reports/midterm`).set(auth(a1.company.token)).send({ payload: MIDTERM }))
        .status,
    ).toBe(409);

    // the other award: its milestone 2 accepted by hand and paid; its mid-term report then cannot release it (409)
    const hand = await http()
      .post(`/api/awards/${award2}/milestones/2/accept`)
      .set(auth(staff.officer))
      .send({ note: '按原办法验收' });
    expect(hand.status).toBe(200);
    await payInstalment(2, 2);
    const t2 = a2.company.token;
    expect(
      (await http().put(`/api/awards/${award2}/reports/midterm`).set(auth(t2)).send({ payload: MIDTERM })).status,
    ).toBe(200);
    const sub2 = await http().post(`/api/awards/${award2}/reports/midterm/submit`).set(auth(t2)).send({});
    expect(sub2.status).toBe(200);
    const paid = await http().post(`/api/reports/${sub2.body.id}/accept`).set(auth(staff.officer)).send({});
    expect(paid.status).toBe(409);
    expect(paid.body.code).toBe('REPORT.INSTALMENT_PAID');
    expect((await reportsOf(t2, award2)).reports[0].status).toBe('submitted'); // nothing moved
    // another company's officer view: the grantee of award 1 sees nothing of award 2's report
    expect((await http().post(`/api/reports/${sub2.body.id}/accept`).set(auth(a1.company.token)).send({})).status).toBe(
      403,
    );
    // no evaluation before the closing report
    const early = await http()
      .post(`/api/awards/${award2}/evaluation`)
      .set(auth(staff.officer))
      .send({ grade: 'good', note: '尚未结项' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('EVALUATION.NOT_READY');
  });

  let closingDue: string;
  it('reminds 30, 7 and 1 days before the closing report is due, each once', async () => {
    closingDue = (await reportsOf(a1.company.token, award1)).reports[1].dueOn;
    const reminders = () =>
      p.mail.messages.filter((m) => m.to.includes(a1.company.email) && /报告提醒：结项验收报告/.test(mailText(m.raw)));
    for (const [days, count] of [
      [45, 0],
      [30, 1],
      [29, 1],
      [7, 2],
      [1, 3],
    ] as const) {
      await setClock(p, staff.admin, at(addDays(closingDue, -days)));
      await sweep();
      await sweep(); // twice: nothing doubles
      if (count)
        await waitForMail(p, a1.company.email, new RegExp(`结项验收报告还有 ${days === 29 ? 30 : days} 天到期`));
      await new Promise((r) => setTimeout(r, 300));
      expect(reminders()).toHaveLength(count);
    }
    const view = await reportsOf(a1.company.token, award1);
    expect(view.reports[1]).toMatchObject({ daysLeft: 1, overdue: false });
  });

  it('overdue: instalment 3 held with the reason; 60 days overdue: a warning the officer confirms (violation flag)', async () => {
    await setClock(p, staff.admin, at(addDays(closingDue, 1)));
    // both awards' closings (award 2's mid-term, submitted in time and waiting for the officer, held nothing)
    expect((await sweep()).held).toBe(2);
    const view = await reportsOf(a1.company.token, award1);
    expect(view.reports[1]).toMatchObject({ daysLeft: -1, overdue: true, status: 'draft' });
    expect(view.instalments[2]).toEqual({ instalmentNo: 3, status: 'held', reasons: ['report-overdue:closing'] });
    expect((await sweep()).held).toBe(0); // held once
    const overdue = await http().get('/api/reports?overdue=true').set(auth(staff.officer));
    // award 2's mid-term was submitted in time (2026-10-09, due 10-10) and waits for the officer past its day: not
    // overdue (no hold, no warning, though 60 days have passed); its closing is late
    expect(overdue.body.items.map((r: any) => [r.awardId, r.kind]).sort()).toEqual(
      [
        [award1, 'closing'],
        [award2, 'closing'],
      ].sort(),
    );
    const mid2 = (await reportsOf(a2.company.token, award2)).reports[0];
    expect(mid2).toMatchObject({ kind: 'midterm', status: 'submitted', overdue: false });
    expect(mid2.daysLeft).toBeLessThan(-60);
    const before = await http().get('/api/report-warnings?status=open').set(auth(staff.officer));
    expect(before.body.items).toEqual([]);

    await setClock(p, staff.admin, at(addDays(closingDue, 60)));
    expect((await sweep()).warnings).toBe(2); // both closings
    expect((await sweep()).warnings).toBe(0);
    const warnings = await http().get('/api/report-warnings?status=open').set(auth(staff.officer));
    const w1 = warnings.body.items.filter((w: any) => w.awardId === award1);
    expect(w1).toHaveLength(1);
    expect(w1[0]).toMatchObject({ kind: 'closing', dueOn: closingDue, status: 'open', number: a1.number });
    expect((await http().get('/api/report-warnings').set(auth(a1.company.token))).status).toBe(403);
    const w2 = warnings.body.items.filter((w: any) => w.awardId === award2);
    expect(w2.map((w: any) => w.kind)).toEqual(['closing']);
    const dismissed = await http()
      .post(`/api/report-warnings/${w2[0].id}/dismiss`)
      .set(auth(staff.officer))
      .send({ note: '已电话督促' });
    expect(dismissed.body.status).toBe('dismissed');
    const id = w1[0].id;
    const ok = await http()
      .post(`/api/report-warnings/${id}/confirm`)
      .set(auth(staff.officer))
      .send({ note: '多次催报未交' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    expect((await http().post(`/api/report-warnings/${id}/dismiss`).set(auth(staff.officer)).send({})).status).toBe(
      409,
    );
    const flags = await http().get(`/api/organizations/${a1.company.organizationId}/flags`).set(auth(staff.officer));
    expect(flags.body.map((f: any) => f.kind)).toEqual(['violation']);
  });

  it('closing: the required file (422 without), accepted late: hold released and instalment 3 due', async () => {
    const t = a1.company.token;
    const payload = { ...MIDTERM, results: '全片完成并在电视台播出。' };
    expect((await http().put(`/api/awards/${award1}/reports/closing`).set(auth(t)).send({ payload })).status).toBe(200);
    const noFile = await http().post(`/api/awards/${award1}/reports/closing/submit`).set(auth(t)).send({});
    expect(noFile.status).toBe(422);
    expect(noFile.body.details.map((d: any) => d.path)).toEqual(['attachments.financial-statement']);
    const wrongKind = await http()
      .post(`/api/awards/${award1}/reports/closing/attachments`)
      .set(auth(t))
      .field('kind', 'declaration')
      .attach('file', PDF, { filename: 'a.pdf', contentType: 'application/pdf' });
    expect(wrongKind.status).toBe(400);
    const up = await http()
      .post(`/api/awards/${award1}/reports/closing/attachments`)
      .set(auth(t))
      .field('kind', 'financial-statement')
      .attach('file', PDF, { filename: '资金使用明细表.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const file = await http().get(`/api/report-attachments/${up.body.id}`).set(auth(staff.officer));
    expect(file.status).toBe(200);
    expect((await http().get(`/api/report-attachments/${up.body.id}`).set(auth(a2.company.token))).status).toBe(404);
    const sub = await http().post(`/api/awards/${award1}/reports/closing/submit`).set(auth(t)).send({});
    expect(sub.status).toBe(200);
    const acc = await http()
      .post(`/api/reports/${sub.body.id}/accept`)
      .set(auth(staff.officer))
      .send({ note: '验收通过' });
    expect(acc.status).toBe(200);
    const view = await reportsOf(t, award1);
    expect(view.instalments[2]).toEqual({ instalmentNo: 3, status: 'planned', reasons: [] });
    const inst3 = (await http().get(`/api/payments?awardId=${award1}&instalmentNo=3`).set(auth(staff.financeA))).body
      .items[0];
    expect(inst3.dueOn).toBe(addDays(closingDue, 60));
    expect(view.evaluationOpen).toBe(true);
  });

  it('evaluation 不合格: the award revoked with the paid money recovering, the organization barred for 3 years', async () => {
    const today = addDays(closingDue, 60);
    expect(
      (
        await http()
          .post(`/api/awards/${award1}/evaluation`)
          .set(auth(a1.company.token))
          .send({ grade: 'fail', note: 'x' })
      ).status,
    ).toBe(403);
    expect(
      (await http().post(`/api/awards/${award1}/evaluation`).set(auth(staff.officer)).send({ grade: 'bad', note: 'x' }))
        .status,
    ).toBe(400);
    const res = await http()
      .post(`/api/awards/${award1}/evaluation`)
      .set(auth(staff.officer))
      .send({ grade: 'fail', note: '未达到任务书约定的目标' });
    expect(res.status).toBe(200);
    const [y, m, d] = today.split('-').map(Number);
    const until = new Date(Date.UTC(y + 3, m - 1, d - 1)).toISOString().slice(0, 10);
    expect(res.body).toMatchObject({ grade: 'fail', recoveringFen: 8_000_000, barredUntil: until });
    const award = await http().get(`/api/awards/${award1}`).set(auth(staff.officer));
    expect(award.body.status).toBe('revoked');
    const inst = (await http().get(`/api/payments?awardId=${award1}`).set(auth(staff.financeA))).body.items;
    expect(inst.map((i: any) => [i.instalmentNo, i.status])).toEqual([
      [1, 'recovering'],
      [2, 'recovering'],
      [3, 'cancelled'],
    ]);
    const flags = await http().get(`/api/organizations/${a1.company.organizationId}/flags`).set(auth(staff.officer));
    expect(flags.body.find((f: any) => f.kind === 'barred')).toMatchObject({ from: today, until, active: true });
    const twice = await http()
      .post(`/api/awards/${award1}/evaluation`)
      .set(auth(staff.officer))
      .send({ grade: 'pass', note: 'again' });
    expect(twice.status).toBe(409);
    // a revoked award takes no report
    expect(
      (await http().put(`/api/awards/${award1}/reports/closing`).set(auth(a1.company.token)).send({ payload: MIDTERM }))
        .body.code,
    ).toBe('REPORT.AWARD_REVOKED');

    // a new application of the barred organization fails common.not-excluded
    const newCall = await createCall(p, staff.officer, 'jingpin', {
      year: 2028,
      opensAt: `${addDays(today, -1)}T00:00:00+08:00`,
      closesAt: `${addDays(today, 30)}T17:00:00+08:00`,
    });
    const app = await http()
      .post(`/api/calls/${newCall}/applications`)
      .set(auth(a1.company.token))
      .send({ title: '新项目', track: 'product', payload: {} });
    expect(app.status).toBe(201);
    const el = await http().get(`/api/applications/${app.body.id}/eligibility`).set(auth(a1.company.token));
    expect(el.body.checks.find((c: any) => c.rule === 'common.not-excluded')).toMatchObject({ passed: false });

    // the dossier holds the grant's whole life: agreement, reports, evaluation, the money and every history step
    const dossier = await http()
      .get(`/api/applications/${a1.id}/dossier.pdf`)
      .set(auth(staff.officer))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(dossier.status).toBe(200);
    const file = (await pdfText(dossier.body)).replace(/\s+/g, '');
    for (const part of [
      '项目任务书（签约）',
      '已会签',
      '中期检查报告',
      '结项报告',
      '已通过',
      '绩效评价',
      '不合格',
      a1.number,
    ])
      expect(file).toContain(part);
  });
});

describe('followup: 推广计划 paid against its closing report with proof of spending (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let callId: string;
  let app: ReviewedApp;
  let app2: ReviewedApp;
  let awardId: string;
  let award2Id: string;
  const http = () => p.http();

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'frt');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({
      callId,
      apps: [app, app2],
    } = await reviewedCall(p, staff, 'tuiguang', 2, {
      firstCompany: 6301,
      call: { budgetFen: 30_000_000, requestSharePercent: 50, reportsRequired: true },
    }));
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    for (const a of [app, app2]) {
      const d = await http()
        .put(`/api/calls/${callId}/decisions/${a.id}`)
        .set(auth(staff.officer))
        .send({ outcome: 'award', amountFen: 15_000_000, note: '展会推广' });
      expect(d.status).toBe(200);
    }
    expect((await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({})).status).toBe(201);
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const fin = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(fin.status).toBe(200);
    const byApp = new Map(fin.body.awards.map((a: { id: string; applicationId: string }) => [a.applicationId, a.id]));
    awardId = byApp.get(app.id) as string;
    award2Id = byApp.get(app2.id) as string;
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it('spending lines must be the application’s cost lines and the proof is required; accepting it makes the one instalment due', async () => {
    const t = app.company.token;
    const view = (await http().get(`/api/awards/${awardId}/reports`).set(auth(t))).body;
    expect(view.reports.map((r: any) => [r.kind, r.releasesInstalmentNo, r.closing])).toEqual([['closing', 1, true]]);
    expect(view.instalments).toEqual([{ instalmentNo: 1, status: 'planned', reasons: [] }]);
    const payload = {
      progress: '杭州动漫展推广完成，接待观众两万人次。',
      completedDeliverables: [{ name: '展会推广活动' }],
      spending: [
        { costLine: '展位费', amountFen: 18_000_000 },
        { costLine: '宴请', amountFen: 1_000_000 },
      ],
    };
    expect((await http().put(`/api/awards/${awardId}/reports/closing`).set(auth(t)).send({ payload })).status).toBe(
      200,
    );
    const bad = await http().post(`/api/awards/${awardId}/reports/closing/submit`).set(auth(t)).send({});
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((x: any) => x.path)).toEqual([
      'payload.spending.1.costLine',
      'attachments.spending-proof',
    ]);
    const fixed = { ...payload, spending: [payload.spending[0], { costLine: '差旅', amountFen: 6_000_000 }] };
    expect(
      (await http().put(`/api/awards/${awardId}/reports/closing`).set(auth(t)).send({ payload: fixed })).status,
    ).toBe(200);
    const up = await http()
      .post(`/api/awards/${awardId}/reports/closing/attachments`)
      .set(auth(t))
      .field('kind', 'spending-proof')
      .attach('file', PDF, { filename: '发票.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.body.filename).toBe('发票.pdf'); // the UTF-8 name, not multer's latin1 reading of it
    const sub = await http().post(`/api/awards/${awardId}/reports/closing/submit`).set(auth(t)).send({});
    expect(sub.status).toBe(200);
    const acc = await http().post(`/api/reports/${sub.body.id}/accept`).set(auth(staff.officer)).send({});
    expect(acc.status).toBe(200);
    const inst = (await http().get(`/api/payments?awardId=${awardId}`).set(auth(staff.financeA))).body.items;
    expect(inst.map((i: any) => [i.instalmentNo, i.status, i.dueOn, i.amountFen])).toEqual([
      [1, 'planned', '2026-04-10', 15_000_000],
    ]);
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(batch.body.count).toBe(1);
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB))).status).toBe(
      200,
    );
    await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid');
    // 不合格: the promotion plan claims back its share of what was paid (failRecoveryPercent 50), not all of it
    const ev = await http()
      .post(`/api/awards/${awardId}/evaluation`)
      .set(auth(staff.officer))
      .send({ grade: 'fail', note: '推广效果未达任务书要求' });
    expect(ev.status).toBe(200);
    expect(ev.body).toMatchObject({ grade: 'fail', recoveringFen: 7_500_000 });
    expect((await http().get(`/api/awards/${awardId}`).set(auth(staff.officer))).body.status).toBe('revoked');
    const [paid] = (await http().get(`/api/payments?awardId=${awardId}`).set(auth(staff.financeA))).body.items;
    expect([paid.status, paid.amountFen]).toEqual(['recovering', 15_000_000]);
    const recovery = await p.ds.query(`SELECT amount_fen, status FROM payment_recovery WHERE instalment_id = $1`, [
      paid.id,
    ]);
    expect(recovery).toEqual([{ amount_fen: '7500000', status: 'open' }]);
    const done = await http()
      .post(`/api/payments/${paid.id}/recovered`)
      .set(auth(staff.financeA))
      .send({ note: '已退回一半', bankReference: 'RET-6301' });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('recovered');
    const ledger = await p.ds.query(
      `SELECT kind, amount_fen::int AS fen FROM payment_ledger WHERE instalment_id = $1 AND kind IN ('paid', 'recovery-opened', 'recovered') ORDER BY id`,
      [paid.id],
    );
    expect(ledger).toEqual([
      { kind: 'paid', fen: 15_000_000 },
      { kind: 'recovery-opened', fen: 7_500_000 },
      { kind: 'recovered', fen: 7_500_000 },
    ]);
  });

  it('an evaluated award is closed: 良好 leaves the money alone, and no change is taken any more (409)', async () => {
    const t = app2.company.token;
    const payload = {
      progress: '成都动漫节推广完成。',
      completedDeliverables: [{ name: '展会推广活动' }],
      spending: [{ costLine: '展位费', amountFen: 20_000_000 }],
    };
    expect((await http().put(`/api/awards/${award2Id}/reports/closing`).set(auth(t)).send({ payload })).status).toBe(
      200,
    );
    const up = await http()
      .post(`/api/awards/${award2Id}/reports/closing/attachments`)
      .set(auth(t))
      .field('kind', 'spending-proof')
      .attach('file', PDF, { filename: '发票.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const sub = await http().post(`/api/awards/${award2Id}/reports/closing/submit`).set(auth(t)).send({});
    expect(sub.status).toBe(200);
    expect((await http().post(`/api/reports/${sub.body.id}/accept`).set(auth(staff.officer)).send({})).status).toBe(
      200,
    );
    // a change asked before the grade may be decided until then; after it nothing is taken
    const early = await http()
      .post(`/api/awards/${award2Id}/changes`)
      .set(auth(t))
      .send({ kind: 'title', reason: '活动名称调整。', proposed: { title: '成都动漫节推广（更名）' } });
    expect(early.status).toBe(201);
    const ev = await http()
      .post(`/api/awards/${award2Id}/evaluation`)
      .set(auth(staff.officer))
      .send({ grade: 'good', note: '完成任务书目标' });
    expect(ev.status).toBe(200);
    expect(ev.body).toMatchObject({ grade: 'good', recoveringFen: null, barredUntil: null });
    expect((await http().get(`/api/awards/${award2Id}`).set(auth(staff.officer))).body.status).toBe('active');
    const late = await http()
      .post(`/api/awards/${award2Id}/changes`)
      .set(auth(t))
      .send({ kind: 'team', reason: '人员调整。', proposed: { text: '增加一名策划。' } });
    expect([late.status, late.body.code]).toEqual([409, 'CHANGE.AWARD_CLOSED']);
    const approve = await http().post(`/api/changes/${early.body.id}/approve`).set(auth(staff.officer)).send({});
    expect([approve.status, approve.body.code]).toEqual([409, 'CHANGE.AWARD_CLOSED']);
  });
});

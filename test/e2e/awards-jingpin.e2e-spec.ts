import { verifyAuditChain } from '@portal/platform';
/*
 * 国家动漫精品工程 from registration to money, through the HTTP API (real Postgres, Redis, SMTP, the worker, and the
 * HTTP payment rail against the fake bank): reviewed and ranked applications → decisions with the budget, fill by
 * ranking → 公示 counted in working days (Qingming) → objections inside and outside the window, one upheld →
 * finalize refused while open and while an objection is unanswered → the final list, certificates, CSV and XLSX →
 * instalments: maker–checker batch, paid through the fake bank, a milestone, revocation and recovery.
 */
import ExcelJS from 'exceljs';
import { FakeBank } from '../fake-bank/fake-bank';
import { auth, startPortal, TestPortal } from '../support/portal';
import {
  binary,
  pdfText,
  ReviewedApp,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
  waitForMail,
  waitForPayments,
} from './awards-fixtures';

jest.setTimeout(60_000);

describe('jingpin: decisions, 公示, final list and payments (API)', () => {
  let p: TestPortal;
  let bank: FakeBank;
  let staff: Staff;
  let callId: string;
  let apps: ReviewedApp[];
  let awards: any[];
  const http = () => p.http();

  beforeAll(async () => {
    bank = await new FakeBank().start();
    p = await startPortal({
      env: {
        PAYMENT_RAIL: 'http',
        PAYMENT_RAIL_URL: bank.url,
        PAYMENT_RAIL_TIMEOUT_MS: '1000',
        PAYMENT_RELAY_INTERVAL_MS: '300',
        PAYMENT_STUCK_SECONDS: '2',
        PAYMENT_RETRY_DELAY_MS: '100',
        OBJECTION_RATE_PER_HOUR: '4',
      },
    });
    staff = await setupStaff(p, 'jp');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({ callId, apps } = await reviewedCall(p, staff, 'jingpin', 4, {
      firstCompany: 3101,
      call: { budgetFen: 100_000_000 },
    }));
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00'); // a Wednesday
  }, 180_000);

  afterAll(async () => {
    await p?.close();
    await bank?.stop();
  });

  it('shows the budget bar and every reviewed application with its rank', async () => {
    const res = await http().get(`/api/calls/${callId}/decisions`).set(auth(staff.officer));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ budgetFen: 100_000_000, committedFen: 0 });
    expect(res.body.items.map((i: any) => [i.applicationId, i.rank, i.status, i.outcome])).toEqual(
      apps.map((a, i) => [a.id, i + 1, 'reviewed', null]),
    );
    expect((await http().get(`/api/calls/${callId}/decisions`).set(auth(apps[0].company.token))).status).toBe(403);
  });

  it('proposes awards down the ranking until the budget is spent, and saves them only when confirmed', async () => {
    const body = {
      tiers: [
        { tier: '一等', amountFen: 40_000_000, count: 1 },
        { tier: '二等', amountFen: 25_000_000 },
      ],
    };
    const proposal = await http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send(body);
    expect(proposal.status).toBe(200);
    expect(proposal.body).toMatchObject({
      budgetFen: 100_000_000,
      totalFen: 90_000_000,
      remainingFen: 10_000_000,
      saved: false,
    });
    expect(proposal.body.items.map((i: any) => [i.outcome, i.tier, i.amountFen])).toEqual([
      ['award', '一等', 40_000_000],
      ['award', '二等', 25_000_000],
      ['award', '二等', 25_000_000],
      ['reject', null, 0],
    ]);
    expect((await http().get(`/api/calls/${callId}/decisions`).set(auth(staff.officer))).body.committedFen).toBe(0);

    const saved = await http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send({ ...body, confirm: true });
    expect(saved.body.saved).toBe(true);
    const after = await http().get(`/api/calls/${callId}/decisions`).set(auth(staff.officer));
    expect(after.body.committedFen).toBe(90_000_000);
    expect(after.body.items.map((i: any) => i.status)).toEqual(['proposed', 'proposed', 'proposed', 'reviewed']);
  });

  it('records single decisions against the budget (422 over it), award → proposed, reject → reviewed', async () => {
    const over = await http()
      .put(`/api/calls/${callId}/decisions/${apps[3].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '三等', amountFen: 20_000_000, note: '补充' });
    expect(over.status).toBe(422);
    expect(over.body.details[0].path).toBe('amountFen');
    const noAmount = await http()
      .put(`/api/calls/${callId}/decisions/${apps[3].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '三等', note: 'x' });
    expect(noAmount.status).toBe(422);
    const bad = await http()
      .put(`/api/calls/${callId}/decisions/${apps[3].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'maybe', note: 'x' });
    expect(bad.status).toBe(400);
    const tooLong = await http()
      .put(`/api/calls/${callId}/decisions/${apps[3].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '等'.repeat(51), amountFen: 1, note: 'x' });
    expect(tooLong.status).toBe(400);

    const reject = await http()
      .put(`/api/calls/${callId}/decisions/${apps[2].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'reject', note: '再议' });
    expect(reject.status).toBe(200);
    expect(reject.body).toMatchObject({ status: 'reviewed', outcome: 'reject', committedFen: 65_000_000 });
    const award = await http()
      .put(`/api/calls/${callId}/decisions/${apps[2].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '二等', amountFen: 25_000_000, note: '维持二等' });
    expect(award.status).toBe(200);
    expect(award.body).toMatchObject({
      status: 'proposed',
      outcome: 'award',
      tier: '二等',
      amountFen: 25_000_000,
      committedFen: 90_000_000,
      budgetFen: 100_000_000,
    });
    const history = await http().get(`/api/applications/${apps[2].id}/history`).set(auth(staff.officer));
    expect(history.body.map((h: any) => h.to)).toEqual(expect.arrayContaining(['reviewed', 'proposed']));
  });

  let noticeId: string;
  it('publishes the notice: ends at 24:00 of the 5th working day after today, skipping Qingming', async () => {
    const res = await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
    expect(res.status).toBe(201);
    noticeId = res.body.id;
    // Wed 1 Apr: Thu 2 (1), Fri 3 (2), 4–6 Apr Qingming, Tue 7 (3), Wed 8 (4), Thu 9 (5) → 24:00 on 9 April
    expect(res.body).toMatchObject({
      startsAt: '2026-04-01T02:00:00.000Z',
      endsAt: '2026-04-09T16:00:00.000Z',
      open: true,
      workingDays: 5,
    });
    expect(res.body.entries.map((e: any) => [e.applicationId, e.tier, e.amountFen])).toEqual([
      [apps[0].id, '一等', 40_000_000],
      [apps[1].id, '二等', 25_000_000],
      [apps[2].id, '二等', 25_000_000],
    ]);
    for (const a of apps.slice(0, 3)) await waitForMail(p, a.company.email, /公示/);
    expect((await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({})).status).toBe(409);
    expect(
      (
        await http()
          .put(`/api/calls/${callId}/decisions/${apps[3].id}`)
          .set(auth(staff.officer))
          .send({ outcome: 'reject', note: 'x' })
      ).status,
    ).toBe(409);
    const pub = await http().get(`/api/public/notices/${noticeId}`);
    expect(pub.status).toBe(200);
    expect(pub.body.entries).toHaveLength(3);
    expect(pub.body.entries[0]).toMatchObject({ organization: apps[0].company.name, number: apps[0].number });
    expect((await http().get(`/api/calls/${callId}/notices`).set(auth(staff.officer))).body[0]).toMatchObject({
      id: noticeId,
      objections: { total: 0, open: 0 },
    });
  });

  it('takes real-name objections inside the window (JSON or multipart with an evidence file) and refuses bad ones', async () => {
    const base = {
      name: '王公正',
      contact: 'wang@objector.test',
      entryApplicationId: apps[1].id,
      reason: '该作品与他人作品高度雷同，涉嫌抄袭。',
    };
    expect(
      (
        await http()
          .post(`/api/public/notices/${noticeId}/objections`)
          .send({ ...base, contact: 'not a contact' })
      ).status,
    ).toBe(400);
    expect(
      (
        await http()
          .post(`/api/public/notices/${noticeId}/objections`)
          .send({ ...base, name: undefined })
      ).status,
    ).toBe(400);
    const notOnList = await http()
      .post(`/api/public/notices/${noticeId}/objections`)
      .send({ ...base, entryApplicationId: apps[3].id });
    expect(notOnList.status).toBe(422);
    const ok = await http()
      .post(`/api/public/notices/${noticeId}/objections`)
      .send({ ...base, evidence: '对比截图见附件链接' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ noticeId, entryApplicationId: apps[1].id, status: 'open' });

    const withFile = await http()
      .post(`/api/public/notices/${noticeId}/objections`)
      .field('name', '李明理')
      .field('contact', '13900139000')
      .field('entryApplicationId', apps[2].id)
      .field('reason', '申报材料中的获奖情况与事实不符。')
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: '证据.pdf', contentType: 'application/pdf' });
    expect(withFile.status).toBe(201);
    const wrongType = await http()
      .post(`/api/public/notices/${noticeId}/objections`)
      .field('name', '李明理')
      .field('contact', '13900139000')
      .field('entryApplicationId', apps[2].id)
      .field('reason', '申报材料中的获奖情况与事实不符。')
      .attach('file', Buffer.from('MZ not a pdf at all'), { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(wrongType.status).toBe(415);

    const list = await http().get(`/api/objections?callId=${callId}`).set(auth(staff.officer));
    expect(list.body).toMatchObject({ total: 2, page: 1 });
    const fileOne = list.body.items.find((o: any) => o.entryApplicationId === apps[2].id);
    expect(fileOne.evidenceFile).toMatchObject({ fileName: '证据.pdf', mimeType: 'application/pdf' });
    const ev = await http()
      .get(`/api/objections/${fileOne.id}/evidence`)
      .set(auth(staff.officer))
      .buffer(true)
      .parse(binary);
    expect(ev.status).toBe(200);
    expect(ev.body.toString('latin1').startsWith('%PDF')).toBe(true);
    expect((await http().get(`/api/objections?callId=${callId}`).set(auth(apps[0].company.token))).status).toBe(403);
  });

  it('refuses to finalize while the notice runs', async () => {
    const res = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOTICE.STILL_OPEN');
  });

  it('an upheld objection removes the entry: back to reviewed, rejected, applicant and objector told', async () => {
    const list = await http().get(`/api/objections?callId=${callId}&status=open`).set(auth(staff.officer));
    const o = list.body.items.find((x: any) => x.entryApplicationId === apps[1].id);
    const res = await http()
      .post(`/api/objections/${o.id}/resolution`)
      .set(auth(staff.officer))
      .send({ upheld: true, response: '经核查，异议属实，撤销该项拟立项。' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'answered', upheld: true, entry: { removed: true } });
    expect(
      (
        await http()
          .post(`/api/objections/${o.id}/resolution`)
          .set(auth(staff.officer))
          .send({ upheld: false, response: 'x' })
      ).status,
    ).toBe(409);
    const app = await http().get(`/api/applications/${apps[1].id}`).set(auth(apps[1].company.token));
    expect(app.body.status).toBe('reviewed');
    const d = (await http().get(`/api/calls/${callId}/decisions`).set(auth(staff.officer))).body;
    expect(d.items.find((i: any) => i.applicationId === apps[1].id)).toMatchObject({ outcome: 'reject', amountFen: 0 });
    expect(d.committedFen).toBe(65_000_000);
    await waitForMail(p, apps[1].company.email, /撤出拟立项名单/);
    await waitForMail(p, 'wang@objector.test', /异议成立/);
    const pub = await http().get(`/api/public/notices/${noticeId}`);
    expect(pub.body.entries.find((e: any) => e.applicationId === apps[1].id).removed).toBe(true);
  });

  it('accepts an objection at the last second of the window, limits floods (429), and refuses one at 24:00 (409)', async () => {
    const body = {
      name: '赵监督',
      contact: 'zhao@objector.test',
      entryApplicationId: apps[0].id,
      reason: '请核实该单位的主创人员资质。',
    };
    await setClock(p, staff.admin, '2026-04-09T23:59:59+08:00');
    // a burst in parallel: OBJECTION_RATE_PER_HOUR=4 from one address, 2 filed above, so exactly 2 more pass — each is
    // counted before it is compared (a count of the rows already written let all 6 through)
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http()
          .post(`/api/public/notices/${noticeId}/objections`)
          .send({ ...body, entryApplicationId: i % 2 ? apps[2].id : apps[0].id }),
      ),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([201, 201, 429, 429, 429, 429]);
    const flood = burst.find((r) => r.status === 429)!;
    expect(flood.body.code).toBe('OBJECTION.RATE_LIMITED');
    expect(Number(flood.headers['retry-after'])).toBeGreaterThan(0); // the seconds left in the hour's window
    expect(Number(flood.headers['retry-after'])).toBeLessThanOrEqual(3600);
    await setClock(p, staff.admin, '2026-04-10T00:00:00+08:00');
    const late = await http().post(`/api/public/notices/${noticeId}/objections`).send(body);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('NOTICE.WINDOW_CLOSED');
  });

  it('refuses to finalize while an objection is unanswered, then publishes the final list', async () => {
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const blocked = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('OBJECTIONS.UNANSWERED');
    const open = await http().get(`/api/objections?callId=${callId}&status=open`).set(auth(staff.officer));
    for (const o of open.body.items) {
      expect(
        (
          await http()
            .post(`/api/objections/${o.id}/resolution`)
            .set(auth(staff.officer))
            .send({ upheld: false, response: '经核查，材料属实，异议不成立。' })
        ).status,
      ).toBe(200);
    }
    await waitForMail(p, 'zhao@objector.test', /异议不成立/);

    const res = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ awarded: 2, notAwarded: 2 });
    awards = res.body.awards;
    expect(awards.map((a: any) => [a.applicationId, a.amountFen, a.status])).toEqual(
      expect.arrayContaining([
        [apps[0].id, 40_000_000, 'active'],
        [apps[2].id, 25_000_000, 'active'],
      ]),
    );
    expect((await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({})).status).toBe(409);
    for (const a of [apps[0], apps[2]]) await waitForMail(p, a.company.email, /已立项/);
    for (const a of [apps[1], apps[3]]) await waitForMail(p, a.company.email, /未获立项/);

    const mine = await http().get(`/api/applications/${apps[0].id}`).set(auth(apps[0].company.token));
    expect(mine.body).toMatchObject({
      status: 'awarded',
      awardId: awards.find((a: any) => a.applicationId === apps[0].id).id,
    });
    expect((await http().get(`/api/applications/${apps[3].id}`).set(auth(apps[3].company.token))).body.status).toBe(
      'not_awarded',
    );
  });

  it('lists awards for staff and the owner, and gives the 立项通知 as a Chinese PDF', async () => {
    const officerList = await http().get(`/api/awards?callId=${callId}`).set(auth(staff.officer));
    expect(officerList.body.total).toBe(2);
    expect(officerList.body.items[0]).toEqual(
      expect.objectContaining({ program: 'jingpin', year: 2026, status: 'active', certificateNo: null }),
    );
    expect((await http().get(`/api/awards?callId=${callId}`).set(auth(staff.financeA))).body.total).toBe(2);
    const own = await http().get('/api/awards').set(auth(apps[0].company.token));
    expect(own.body.items.map((a: any) => a.applicationId)).toEqual([apps[0].id]);

    const award = awards.find((a: any) => a.applicationId === apps[0].id);
    const pdf = await http()
      .get(`/api/awards/${award.id}/certificate.pdf`)
      .set(auth(apps[0].company.token))
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body);
    expect(text).toContain(apps[0].company.name);
    expect(text.replace(/\s/g, '')).toContain('立项通知书');
    expect(text).toContain('¥400,000.00');
    expect((await http().get(`/api/awards/${award.id}/certificate.pdf`).set(auth(apps[2].company.token))).status).toBe(
      404,
    );
  });

  it('publishes the final list as JSON, CSV and XLSX with the same columns', async () => {
    const res = await http().get('/api/public/awards?program=jingpin&year=2026');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(Object.keys(res.body.items[0]).sort()).toEqual([
      'amountFen',
      'certificateNo',
      'id',
      'organization',
      'program',
      'status',
      'tier',
      'title',
      'year',
    ]);
    expect((await http().get('/api/public/awards?program=rending')).body.total).toBe(0);

    const csv = await http().get('/api/public/awards.csv?program=jingpin&year=2026');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('id,program,year,organization,title,tier,amountFen,certificateNo,status');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes(apps[0].company.name) && l.includes('40000000') && l.includes('active'))).toBe(
      true,
    );

    const x = await http().get('/api/public/awards.xlsx?program=jingpin&year=2026').buffer(true).parse(binary);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as any);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as any[]).slice(1)).toEqual([
      'id',
      'program',
      'year',
      'organization',
      'title',
      'tier',
      'amountFen',
      'certificateNo',
      'status',
    ]);
    expect(ws.rowCount).toBe(3);
    const orgs = [2, 3].map((r) => ws.getRow(r).getCell(4).value);
    expect(orgs).toEqual(expect.arrayContaining([apps[0].company.name, apps[2].company.name]));
  });

  it('pays the first instalments: maker prepares, the same person may not approve (403), the other does; the fake bank pays once each', async () => {
    const plan = await http().get(`/api/payments?callId=${callId}&pageSize=100`).set(auth(staff.financeA));
    expect(plan.body.total).toBe(6);
    const first = plan.body.items.filter((i: any) => i.instalmentNo === 1);
    expect(first.map((i: any) => [i.amountFen, i.dueOn, i.status]).sort()).toEqual([
      [12_500_000, '2026-04-10', 'planned'],
      [20_000_000, '2026-04-10', 'planned'],
    ]);
    expect(
      plan.body.items
        .filter((i: any) => i.instalmentNo > 1)
        .every((i: any) => i.dueOn === null && i.status === 'planned'),
    ).toBe(true);
    const due = await http().get(`/api/payments?callId=${callId}&due=true`).set(auth(staff.financeA));
    expect(due.body.total).toBe(2);

    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ status: 'prepared', count: 2, totalFen: 32_500_000, skipped: [] });
    const again = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(again.status).toBe(422); // nothing left due
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeA))).status).toBe(
      403,
    );
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.officer))).status).toBe(
      403,
    );
    const ok = await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      approvedBy: expect.any(String),
      approvedByName: '财务乙',
      preparedBy: staff.financeAId,
      preparedByName: '财务甲',
    });
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB))).status).toBe(
      409,
    );

    const paid = await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid');
    expect(paid.every((i: any) => i.railReference?.startsWith('FB') && i.paidAt)).toBe(true);
    const b = await http().get(`/api/payment-batches/${batch.body.id}`).set(auth(staff.financeA));
    expect(b.body).toMatchObject({
      status: 'completed',
      count: 2,
      totalFen: 32_500_000,
      byStatus: { paid: { count: 2, totalFen: 32_500_000 } },
    });
    expect(bank.stats()).toMatchObject({ paidKeys: 2, paidFen: 32_500_000, doubles: 0, repeats: 0 });
    await waitForMail(p, apps[0].company.email, /第 1 期资金已拨付/);
    const own = await http().get('/api/payments').set(auth(apps[0].company.token));
    expect(own.body.items.every((i: any) => i.organizationId === apps[0].company.organizationId)).toBe(true);
  });

  it('a milestone makes the next instalment due; the ledger shows paid − recovered', async () => {
    const award = awards.find((a: any) => a.applicationId === apps[0].id);
    const acc = await http()
      .post(`/api/awards/${award.id}/milestones/2/accept`)
      .set(auth(staff.officer))
      .send({ note: '中期检查通过' });
    expect(acc.status).toBe(200);
    expect(acc.body).toMatchObject({ instalmentNo: 2, dueOn: '2026-04-10', amountFen: 12_000_000 });
    expect(
      (
        await http()
          .post(`/api/awards/${award.id}/milestones/2/accept`)
          .set(auth(staff.officer))
          .send({ note: 'again' })
      ).status,
    ).toBe(409);
    expect(
      (await http().post(`/api/awards/${award.id}/milestones/9/accept`).set(auth(staff.officer)).send({ note: 'x' }))
        .status,
    ).toBe(404);
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeB)).send({ callId, instalmentNo: 2 });
    expect(batch.body).toMatchObject({ count: 1, totalFen: 12_000_000 });
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeA))).status).toBe(
      200,
    );
    await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid');

    const ledger = await http().get(`/api/awards/${award.id}/ledger`).set(auth(apps[0].company.token));
    expect(ledger.status).toBe(200);
    expect(ledger.body).toMatchObject({
      amountFen: 40_000_000,
      paidFen: 32_000_000,
      recoveredFen: 0,
      balanceFen: 32_000_000,
    });
    expect(ledger.body.entries.filter((e: any) => e.kind === 'paid')).toHaveLength(2);
    expect((await http().get(`/api/awards/${award.id}/ledger`).set(auth(apps[2].company.token))).status).toBe(404);
  });

  it('revocation cancels what is unpaid and opens a recovery for what was paid; finance records the money back', async () => {
    const award = awards.find((a: any) => a.applicationId === apps[0].id);
    const res = await http()
      .post(`/api/awards/${award.id}/revoke`)
      .set(auth(staff.officer))
      .send({ reason: '审计发现虚报材料' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', cancelledFen: 8_000_000, recoveringFen: 32_000_000 });
    expect(
      (await http().post(`/api/awards/${award.id}/revoke`).set(auth(staff.officer)).send({ reason: 'again' })).status,
    ).toBe(409);
    expect(
      (await http().post(`/api/awards/${award.id}/milestones/3/accept`).set(auth(staff.officer)).send({ note: 'x' }))
        .status,
    ).toBe(409);
    expect((await http().get(`/api/awards/${award.id}/certificate.pdf`).set(auth(staff.officer))).status).toBe(409);
    await waitForMail(p, apps[0].company.email, /撤销/);
    expect((await http().get(`/api/applications/${apps[0].id}`).set(auth(apps[0].company.token))).body.status).toBe(
      'revoked',
    );

    const inst = (await http().get(`/api/payments?awardId=${award.id}`).set(auth(staff.financeA))).body.items;
    expect(inst.map((i: any) => [i.instalmentNo, i.status])).toEqual([
      [1, 'recovering'],
      [2, 'recovering'],
      [3, 'cancelled'],
    ]);
    let ledger = (await http().get(`/api/awards/${award.id}/ledger`).set(auth(staff.financeA))).body;
    expect(ledger).toMatchObject({
      paidFen: 32_000_000,
      recoveredFen: 0,
      balanceFen: 32_000_000,
      outstandingRecoveryFen: 32_000_000,
    });

    expect((await http().post(`/api/payments/${inst[2].id}/recovered`).set(auth(staff.financeA)).send({})).status).toBe(
      409,
    );
    expect((await http().post(`/api/payments/${inst[0].id}/recovered`).set(auth(staff.officer)).send({})).status).toBe(
      403,
    );
    for (const i of inst.slice(0, 2)) {
      const r = await http()
        .post(`/api/payments/${i.id}/recovered`)
        .set(auth(staff.financeA))
        .send({ note: '已退回国库' });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('recovered');
    }
    ledger = (await http().get(`/api/awards/${award.id}/ledger`).set(auth(staff.financeA))).body;
    expect(ledger).toMatchObject({
      paidFen: 32_000_000,
      recoveredFen: 32_000_000,
      balanceFen: 0,
      outstandingRecoveryFen: 0,
    });
    const pub = await http().get('/api/public/awards?program=jingpin&year=2026');
    expect(pub.body.items.find((a: any) => a.id === award.id).status).toBe('revoked');
    expect(bank.stats().doubles).toBe(0);
  });

  it("writes the instalment transitions' audit events in the chain, which verifies", async () => {
    const rows = await p.ds.query(
      `SELECT action, entity_type FROM audit_event WHERE action = ANY($1::text[]) ORDER BY seq`,
      [['instalment.milestone-accepted', 'instalment.recovered']],
    );
    for (const action of ['instalment.milestone-accepted', 'instalment.recovered'])
      expect(rows.map((r: any) => r.action)).toContain(action);
    for (const r of rows) expect(r.entity_type).toBe('instalment');
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
  });
});

import { FakeBank } from '../../../../test/fake-bank/fake-bank';
import { HttpRail } from './http.rail';

const order = (key: string, amountFen = 10_000) => ({
  key,
  amountFen,
  payeeName: '星火动画',
  payeeCreditCode: '91350100M000100Y43',
  memo: 'JP-2026-000001 第1期',
});

/** The HTTP rail against the fake bank in each of its modes (no database). */
describe('HTTP payment rail and the fake bank', () => {
  let bank: FakeBank;
  let rail: HttpRail;
  beforeAll(async () => {
    bank = await new FakeBank({ slowMs: 150 }).start();
    // 2 s: a loaded CI machine once took more than 400 ms for a status answer (an 'ambiguous' that was no timeout)
    rail = new HttpRail(bank.url, 2000);
  });
  afterAll(async () => {
    rail.close();
    await bank.stop();
  });
  beforeEach(() => {
    bank.reset();
    bank.setMode('succeed');
  });

  it('pays, and a repeated key gets the first answer without paying again', async () => {
    const a = await rail.send(order('k1'));
    expect(a).toMatchObject({ outcome: 'paid', reference: expect.stringMatching(/^FB/) });
    const b = await rail.send(order('k1'));
    expect(b).toMatchObject({ outcome: 'paid', reference: (a as any).reference });
    expect(await rail.status('k1')).toMatchObject({ outcome: 'paid' });
    expect(await rail.status('never')).toMatchObject({ outcome: 'unknown' });
    expect(bank.stats()).toMatchObject({ paidKeys: 1, doubles: 0, repeats: 1, paidFen: 10_000 });
  });

  it('reports a refusal as failed, and lets the same key be tried again', async () => {
    bank.setMode('fail');
    expect(await rail.send(order('k2'))).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/frozen/) });
    bank.setMode('succeed');
    expect(await rail.send(order('k2'))).toMatchObject({ outcome: 'paid' });
    expect(bank.stats()).toMatchObject({ paidKeys: 1, failedAttempts: 1, repeats: 0 });
  });

  it('treats a timeout as ambiguous; asked afterwards the bank says it paid', async () => {
    bank.setMode('timeout');
    expect(await rail.send(order('k3'))).toMatchObject({
      outcome: 'ambiguous',
      reason: expect.stringMatching(/no answer/),
    });
    expect(await rail.status('k3')).toMatchObject({ outcome: 'paid' });
  });

  it('answer-twice: the first answer is lost, the second one tells the truth', async () => {
    bank.setMode('answer-twice');
    expect(await rail.send(order('k4'))).toMatchObject({ outcome: 'ambiguous' });
    expect(await rail.status('k4')).toMatchObject({ outcome: 'paid' });
    expect(bank.payments.get('k4')).toMatchObject({ posts: 1, gets: 1, paidCount: 1 });
  });

  it('slow: pending while it works, paid afterwards', async () => {
    bank.setMode('slow');
    const sent = rail.send(order('k5'));
    await new Promise((r) => setTimeout(r, 30));
    expect(await rail.status('k5')).toMatchObject({ outcome: 'pending' });
    expect(await sent).toMatchObject({ outcome: 'paid' });
  });

  it('knows a refused connection never reached the bank', async () => {
    const dead = new HttpRail('http://127.0.0.1:1', 400);
    expect(await dead.send(order('k6'))).toMatchObject({ outcome: 'not-sent' });
    expect(await dead.status('k6')).toMatchObject({ outcome: 'ambiguous' });
    dead.close();
  });

  it('a bank without idempotency would pay a repeated key twice: the fake bank counts that as a double', async () => {
    const naive = await new FakeBank({ idempotent: false }).start();
    const r = new HttpRail(naive.url, 400);
    await r.send(order('k7'));
    await r.send(order('k7'));
    expect(naive.stats()).toMatchObject({ doubles: 1, repeats: 1 });
    r.close();
    await naive.stop();
  });
});

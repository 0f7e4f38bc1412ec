/**
 * Periodic work (the mail relay, the payment relay and reconciler) runs as BullMQ job schedulers, which live in the
 * queue's store. A wiped Redis forgets them; the worker must put them back, or a mail whose job was lost with Redis
 * stays 'queued' for good (R4 hung that way). Here the store "forgets" both schedulers and a mail's job; the worker
 * re-creates the schedulers and the relay delivers the mail. Runs on Redis and on BullMQ's Postgres backend alike.
 */
import { randomUUID } from 'crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobSchedules, QUEUES } from '@portal/platform';
import { startPortal, TestPortal } from '../support/portal';

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('job schedulers survive a wiped queue store', () => {
  let p: TestPortal;
  let mailQueue: Queue;
  let paymentQueue: Queue;

  beforeAll(async () => {
    p = await startPortal();
    mailQueue = p.worker!.get<Queue>(getQueueToken(QUEUES.mail));
    paymentQueue = p.worker!.get<Queue>(getQueueToken(QUEUES.payments));
    await until(
      'the schedulers of a started worker',
      async () =>
        (await mailQueue.getJobScheduler('mail-relay')) && (await paymentQueue.getJobScheduler('payments-relay')),
    );
  });

  afterAll(async () => {
    await p?.close();
  });

  it('re-creates the forgotten schedulers, and the relay then delivers a mail whose job was lost', async () => {
    await mailQueue.removeJobScheduler('mail-relay');
    await paymentQueue.removeJobScheduler('payments-relay');
    expect(await mailQueue.getJobScheduler('mail-relay')).toBeUndefined();

    // a mail committed in Postgres whose job never reached (or was wiped from) the queue
    const id = randomUUID();
    await p.ds.query(
      `INSERT INTO mail_message (id, to_address, subject, body_text, template, created_at)
       VALUES ($1, 'lost-job@test.portal', '调度恢复 scheduler back', 'the relay found me', 'test', now() - interval '1 minute')`,
      [id],
    );

    // the worker's own check (every 5 s) puts both back; nothing here calls it
    await until('mail-relay back', () => mailQueue.getJobScheduler('mail-relay'), 20_000);
    await until('payments-relay back', () => paymentQueue.getJobScheduler('payments-relay'), 20_000);
    await p.mail.waitFor('lost-job@test.portal', /relay found me/, 30_000);
    // the sink has the mail a moment before the worker records it as sent
    const status = await until(
      'the row marked sent',
      async () => {
        const [row] = await p.ds.query(`SELECT status FROM mail_message WHERE id = $1`, [id]);
        return row.status === 'sent' ? row.status : null;
      },
      10_000,
    );
    expect(status).toBe('sent');
  });

  it('check() reports what it re-created and leaves present schedulers alone', async () => {
    const schedules = p.worker!.get(JobSchedules);
    // the worker's own timer checks every 5 s: stopped here, and a check of its still running waited for, or it races
    // this test's calls (a clean-clone CI saw check() answer [] while the timer's check was under way)
    schedules.onModuleDestroy();
    await until(
      'no check of the timer running',
      async () => ((schedules as unknown as { checking: boolean }).checking ? null : true),
      10_000,
    );
    expect(await schedules.check()).toEqual([]);
    await mailQueue.removeJobScheduler('mail-relay');
    expect(await schedules.check()).toEqual(['mail-relay']);
    expect(await mailQueue.getJobScheduler('mail-relay')).toBeTruthy();
  });
});

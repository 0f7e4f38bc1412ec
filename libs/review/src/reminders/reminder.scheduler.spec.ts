import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { ClockService, PortalConfig } from '@portal/platform';
import { REMINDER_CANCEL_WAIT_MS, ReminderScheduler } from './reminder.scheduler';

describe('ReminderScheduler.cancel', () => {
  it('answers within its bound when the queue store does not (a paused Redis, a busy PostgreSQL backend)', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const hanging = { getJob: () => new Promise(() => undefined) } as unknown as Queue;
    const scheduler = new ReminderScheduler(hanging, {} as PortalConfig, {} as ClockService);
    const started = Date.now();
    await scheduler.cancel('a1');
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(REMINDER_CANCEL_WAIT_MS - 50);
    expect(warned.mock.calls.map((c) => String(c[1]))).toContain(
      'removing a reminder job is slow: left to finish in the background',
    );
    warned.mockRestore();
  });

  it('removes a delayed reminder job when the store answers', async () => {
    const remove = jest.fn().mockResolvedValue(undefined);
    const queue = {
      getJob: jest.fn().mockResolvedValue({ isDelayed: () => Promise.resolve(true), remove }),
    } as unknown as Queue;
    await new ReminderScheduler(queue, {} as PortalConfig, {} as ClockService).cancel('a2');
    expect((queue.getJob as jest.Mock).mock.calls[0][0]).toBe('reminder-a2');
    expect(remove).toHaveBeenCalledTimes(1);
  });
});

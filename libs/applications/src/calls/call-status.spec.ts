import { callStatus } from './call-status';

describe('callStatus', () => {
  const call = { opensAt: new Date('2026-03-01T00:00:00+08:00'), closesAt: new Date('2026-04-01T00:00:00+08:00') };
  it('is upcoming until the millisecond before opensAt, open from opensAt, closed from closesAt', () => {
    expect(callStatus(call, new Date(call.opensAt.getTime() - 1))).toBe('upcoming');
    expect(callStatus(call, call.opensAt)).toBe('open');
    expect(callStatus(call, new Date(call.closesAt.getTime() - 1))).toBe('open');
    expect(callStatus(call, call.closesAt)).toBe('closed');
  });
});

import {
  assertTransition,
  INSTALMENT_STATUSES,
  INSTALMENT_TRANSITIONS,
  InstalmentTransitionError,
  sourcesOf,
} from './instalment-status';

describe('instalment status machine', () => {
  it('names only known statuses', () => {
    for (const t of INSTALMENT_TRANSITIONS) {
      expect(INSTALMENT_STATUSES).toContain(t.from);
      expect(INSTALMENT_STATUSES).toContain(t.to);
    }
  });

  it('never leaves paid except into a recovery, and never pays from anything but sending', () => {
    expect(INSTALMENT_TRANSITIONS.filter((t) => t.from === 'paid').map((t) => t.to)).toEqual(['recovering']);
    expect(INSTALMENT_TRANSITIONS.filter((t) => t.to === 'paid').map((t) => t.from)).toEqual(['sending']);
    expect(INSTALMENT_TRANSITIONS.filter((t) => t.from === 'recovered' || t.from === 'cancelled')).toEqual([]);
  });

  it('lets finance retry a failed instalment and the system requeue one the rail never paid', () => {
    expect(assertTransition('failed', 'approved', 'finance').kind).toBe('retry');
    expect(assertTransition('sending', 'approved', 'system').kind).toBe('requeued');
    expect(() => assertTransition('failed', 'approved', 'system')).toThrow(InstalmentTransitionError);
    expect(() => assertTransition('paid', 'cancelled', 'officer')).toThrow(/paid to cancelled/);
  });

  it('knows what a revocation may cancel', () => {
    expect(sourcesOf('cancelled', 'officer').sort()).toEqual(['approved', 'batched', 'failed', 'held', 'planned']);
  });

  it('holds only an instalment not yet batched, and releases it back to planned (issue 13)', () => {
    expect(sourcesOf('held', 'system')).toEqual(['planned']);
    expect(sourcesOf('planned', 'system')).toEqual(['held']);
    expect(assertTransition('held', 'planned', 'officer').kind).toBe('released');
    expect(() => assertTransition('held', 'batched', 'finance')).toThrow(InstalmentTransitionError);
    expect(() => assertTransition('batched', 'held', 'officer')).toThrow(InstalmentTransitionError);
  });
});

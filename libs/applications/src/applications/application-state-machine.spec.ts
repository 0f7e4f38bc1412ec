import type { AuditService, ClockService } from '@portal/platform';
import { APPLICATION_STATUSES } from './application.entity';
import { APPLICATION_TRANSITIONS, ApplicationStateMachine, findTransition } from './application-state-machine';

describe('application state machine', () => {
  const machine = new ApplicationStateMachine(
    { now: () => new Date() } as unknown as ClockService,
    {} as unknown as AuditService,
  );
  const owner = { kind: 'owner' as const, userId: 'u' };
  const officer = { kind: 'officer' as const, userId: 'o' };

  it('lets the owner submit, resubmit and withdraw before review, and nothing after', () => {
    expect(machine.assertAllowed('draft', 'submitted', owner).event).toBe('submitted');
    expect(machine.assertAllowed('returned', 'submitted', owner).event).toBe('resubmitted');
    for (const from of ['draft', 'submitted', 'returned'] as const)
      expect(() => machine.assertAllowed(from, 'withdrawn', owner)).not.toThrow();
    for (const from of ['under_review', 'reviewed', 'proposed', 'awarded', 'rejected', 'withdrawn'] as const)
      expect(() => machine.assertAllowed(from, 'withdrawn', owner)).toThrow(
        expect.objectContaining({ kind: 'conflict' }),
      );
  });

  it('keeps the formal check for officers', () => {
    for (const to of ['under_review', 'returned', 'rejected'] as const) {
      expect(() => machine.assertAllowed('submitted', to, officer)).not.toThrow();
      expect(() => machine.assertAllowed('submitted', to, owner)).toThrow(
        expect.objectContaining({ kind: 'forbidden' }),
      );
    }
    expect(() => machine.assertAllowed('draft', 'under_review', officer)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
  });

  it('runs the provincial stage: the province passes, forwards or leaves out; the nation screens what came', () => {
    expect(machine.assertAllowed('submitted', 'forwarded', officer).event).toBe('forwarded');
    expect(machine.assertAllowed('submitted', 'provincial_passed', officer).event).toBe('provincial-passed');
    expect(machine.assertAllowed('provincial_passed', 'forwarded', officer).event).toBe('recommended');
    expect(machine.assertAllowed('provincial_passed', 'not_recommended', officer).event).toBe('not-recommended');
    expect(machine.assertAllowed('forwarded', 'under_review', officer).event).toBe('accepted');
    expect(() => machine.assertAllowed('not_recommended', 'forwarded', officer)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(() => machine.assertAllowed('provincial_passed', 'under_review', officer)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(() => machine.assertAllowed('submitted', 'forwarded', owner)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });

  it('names only known statuses and has no duplicate transition', () => {
    const keys = APPLICATION_TRANSITIONS.map((t) => `${t.from}->${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of APPLICATION_TRANSITIONS) {
      expect(APPLICATION_STATUSES).toContain(t.to);
      if (t.from) expect(APPLICATION_STATUSES).toContain(t.from);
    }
    expect(findTransition('withdrawn', 'draft')).toBeUndefined();
  });
});

import { Injectable } from '@nestjs/common';
import { AuditService, ClockService, Tx } from '@portal/platform';
import { ApplicationStateMachine, ApplicationStatus } from '@portal/applications';

/**
 * Status changes of applications driven by decisions, objections, finalize and revocation — always through the
 * applications' own state machine (history + audit in the caller's transaction). Built here rather than injected so
 * the awards module does not need the applications module's providers.
 */
@Injectable()
export class ApplicationOutcome {
  private readonly machine: ApplicationStateMachine;

  constructor(clock: ClockService, audit: AuditService) {
    this.machine = new ApplicationStateMachine(clock, audit);
  }

  move(
    tx: Tx,
    app: { id: string; status: string },
    to: ApplicationStatus,
    actorId: string,
    comment?: string,
    data: Record<string, unknown> = {},
  ): Promise<number> {
    return this.machine.transition(
      tx,
      { id: app.id, status: app.status as ApplicationStatus },
      to,
      { kind: 'officer', userId: actorId },
      { comment: comment ?? null, data },
    );
  }
}

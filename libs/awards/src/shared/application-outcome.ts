import { Injectable } from '@nestjs/common';
import { Tx } from '@portal/platform';
import { ApplicationStateMachine, ApplicationStatus } from '@portal/applications';

/**
 * Status changes of applications driven by decisions, objections, finalize and revocation — always through the
 * applications' own state machine (history + audit in the caller's transaction).
 */
@Injectable()
export class ApplicationOutcome {
  constructor(private readonly machine: ApplicationStateMachine) {}

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

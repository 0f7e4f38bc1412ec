import { Injectable } from '@nestjs/common';
import { AuditService, Tx } from '@portal/platform';
import { markCertificateLapsed } from '@portal/applications';

/** What a lapse did: `lapsed` now, or `unchanged` (already lapsed, revoked, or no such award). */
export type LapseOutcome = 'lapsed' | 'unchanged';

/**
 * The one writer of an award's move active → lapsed (资格取消, issue 13): the 年审 was failed (on the decision day) or
 * not filed (on 1 August, by the lapse job). The day is shown publicly (`lapsedOn`); the awarded application carries the
 * same day so `rending.certified` no longer counts the certificate. Idempotent: only an active award moves.
 */
@Injectable()
export class CertificateLapses {
  constructor(private readonly audit: AuditService) {}

  async lapseCertificate(
    tx: Tx,
    awardId: string,
    onDay: string,
    reason: string,
    actorId: string | null,
  ): Promise<LapseOutcome> {
    const m = tx.manager;
    // an UPDATE answers [rows, count] through TypeORM
    const [rows]: [{ application_id: string }[], number] = await m.query(
      `UPDATE award SET status = 'lapsed', lapsed_at = $2, lapsed_reason = $3, lapsed_by = $4, version = version + 1
        WHERE id = $1 AND status = 'active' RETURNING application_id`,
      [awardId, onDay, reason, actorId],
    );
    if (!rows.length) return 'unchanged';
    await markCertificateLapsed(m, rows[0].application_id, onDay);
    await this.audit.record(m, {
      actorId,
      action: 'award.lapsed',
      entityType: 'award',
      entityId: awardId,
      data: { lapsedOn: onDay, reason },
    });
    return 'lapsed';
  }
}

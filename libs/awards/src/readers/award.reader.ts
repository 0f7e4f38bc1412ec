import { EntityManager } from 'typeorm';
import { SqlRow } from '@portal/platform';

/**
 * Awards' readers of `award` for other libs (payments): named queries, and SQL fragments for reads that must stay
 * inside the caller's one statement.
 */

/** The status of the award whose id is the SQL expression `awardId` (e.g. `i.award_id`), as a scalar SQL expression. */
export function awardStatusSql(awardId: string): string {
  return `(SELECT aw.status FROM award aw WHERE aw.id = ${awardId})`;
}

export interface AwardOwner {
  organizationId: string;
  /** The awarded application: whose program and province an officer's scope looks at (issue 12). */
  applicationId: string;
  amountFen: number;
  status: string;
}

/** Who holds an award and for how much; null when there is none. `share` locks it against revocation (FOR SHARE). */
export async function findAwardOwner(m: EntityManager, awardId: string, share = false): Promise<AwardOwner | null> {
  const rows: { organization_id: string; application_id: string; amount_fen: string; status: string }[] = await m.query(
    `SELECT organization_id, application_id, amount_fen, status FROM award WHERE id = $1 ${share ? 'FOR SHARE' : ''}`,
    [awardId],
  );
  const r = rows[0];
  return r
    ? {
        organizationId: r.organization_id,
        applicationId: r.application_id,
        amountFen: Number(r.amount_fen),
        status: r.status,
      }
    : null;
}

/**
 * The columns of `award` other libs may read, as a relation for the caller's FROM list under `alias` (followup, dossier):
 * `created_at` is the moment of finalize, the award's day; `lapsed_at` the day a certificate lapsed (年审), and
 * `certificate_issued_on` the day it was last reissued (null: the award's day).
 */
export function awardsRelation(alias: string): string {
  return `(SELECT id, application_id, call_id, organization_id, program_code, track, year, tier, amount_fen, certificate_no,
                  status, revoked_reason, revoked_at, created_at, version, lapsed_at, lapsed_reason, certificate_issued_on
             FROM award) ${alias}`;
}

/** What awards holds about one application, as the dossier shows it (decision, 公示, objections, award). */
export interface ApplicationAwardRecord {
  decision: {
    outcome: 'award' | 'reject';
    tier: string | null;
    amountFen: number;
    note: string;
    source: string;
    decidedAt: string;
  } | null;
  notice: {
    startsAt: string;
    endsAt: string;
    workingDays: number;
    removedAt: string | null;
    removedReason: string | null;
  } | null;
  /** Objections against the application's notice entry (the objector's name and contact: officers' copy only). */
  objections: {
    name: string;
    contact: string;
    reason: string;
    evidenceFileName: string | null;
    evidenceSha256: string | null;
    createdAt: string;
    upheld: boolean | null;
    response: string | null;
    resolvedAt: string | null;
  }[];
  award: {
    id: string;
    tier: string | null;
    amountFen: number;
    certificateNo: string | null;
    status: string;
    createdAt: string;
    revokedAt: string | null;
    revokedReason: string | null;
  } | null;
}

const isoOrNull = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function applicationAwardRecord(m: EntityManager, applicationId: string): Promise<ApplicationAwardRecord> {
  const [decisions, notices, objections, awards]: SqlRow[][] = await Promise.all([
    m.query(
      `SELECT outcome, tier, amount_fen, note, source, decided_at FROM award_decision WHERE application_id = $1`,
      [applicationId],
    ),
    m.query(
      `SELECT n.starts_at, n.ends_at, n.working_days, e.removed_at, e.removed_reason
         FROM notice_entry e JOIN public_notice n ON n.id = e.notice_id
        WHERE e.application_id = $1 ORDER BY n.starts_at DESC LIMIT 1`,
      [applicationId],
    ),
    m.query(
      `SELECT name, contact, reason, evidence_file_name, evidence_sha256, created_at, upheld, response, resolved_at
         FROM objection WHERE entry_application_id = $1 ORDER BY created_at, id`,
      [applicationId],
    ),
    m.query(
      `SELECT id, tier, amount_fen, certificate_no, status, created_at, revoked_at, revoked_reason
         FROM award WHERE application_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [applicationId],
    ),
  ]);
  const d = decisions[0];
  const n = notices[0];
  const a = awards[0];
  return {
    decision: d
      ? {
          outcome: d.outcome,
          tier: d.tier,
          amountFen: Number(d.amount_fen),
          note: d.note,
          source: d.source,
          decidedAt: new Date(d.decided_at).toISOString(),
        }
      : null,
    notice: n
      ? {
          startsAt: new Date(n.starts_at).toISOString(),
          endsAt: new Date(n.ends_at).toISOString(),
          workingDays: Number(n.working_days),
          removedAt: isoOrNull(n.removed_at),
          removedReason: n.removed_reason,
        }
      : null,
    objections: objections.map((o: SqlRow) => ({
      name: o.name,
      contact: o.contact,
      reason: o.reason,
      evidenceFileName: o.evidence_file_name,
      evidenceSha256: o.evidence_sha256,
      createdAt: new Date(o.created_at).toISOString(),
      upheld: o.upheld,
      response: o.response,
      resolvedAt: isoOrNull(o.resolved_at),
    })),
    award: a
      ? {
          id: a.id,
          tier: a.tier,
          amountFen: Number(a.amount_fen),
          certificateNo: a.certificate_no,
          status: a.status,
          createdAt: new Date(a.created_at).toISOString(),
          revokedAt: isoOrNull(a.revoked_at),
          revokedReason: a.revoked_reason,
        }
      : null,
  };
}

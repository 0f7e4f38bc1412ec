import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, MailService } from '@portal/platform';
import { awardCarriesMoney, officeProvince, ProgramRegistry } from '@portal/programs';
import { finalOutcome, mailOrganization } from '@portal/notifications';
import { APPLICATION_ERRORS, applicationsFrom, ApplicationsService, markCallFinalized } from '@portal/applications';
import { organizationPayeeJoin } from '@portal/identity';
import { ApplicationOutcome } from '../shared/application-outcome';
import { AWARD_PAYMENTS, AwardPayments } from '../shared/award-payments.port';
import { assertNotFinalized, loadCall, noticeOf } from '../shared/call-facts';
import { AWARD_SQL, awardView, AwardView } from './award.view';
import { AWARD_ERRORS } from '../errors';
import { assertProgramOfficeAct } from '../shared/officer-scope';

/** An application finalize decides on, with its decision. */
interface FinalizeRow {
  id: string;
  status: string;
  number: string | null;
  title: string;
  track: string | null;
  organization_id: string;
  organization_name: string;
  outcome: 'award' | 'reject' | null;
  tier: string | null;
  amount_fen: string | null;
}

export interface FinalizeResult {
  callId: string;
  finalizedAt: string;
  awarded: number;
  notAwarded: number;
  awards: AwardView[];
}

/** The next certificate number of a prefix and year, gapless: RD-2026-000001. */
async function nextCertificateNo(m: EntityManager, prefix: string, year: number): Promise<string> {
  const [r] = await m.query(
    `INSERT INTO award_counter (prefix, year, last) VALUES ($1, $2, 1) ON CONFLICT (prefix, year) DO UPDATE SET last = award_counter.last + 1 RETURNING last`,
    [prefix, year],
  );
  return `${prefix}-${year}-${String(r.last).padStart(6, '0')}`;
}

/**
 * The final list: refused while the notice runs or an objection is unanswered. Proposed applications become
 * `awarded` with an award (certificate number for certifications) and a payment plan; the other reviewed ones
 * `not_awarded`; every applicant is mailed its outcome. One transaction.
 */
@Injectable()
export class FinalizeService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly programs: ProgramRegistry,
    @Inject(AWARD_PAYMENTS) private readonly plans: AwardPayments,
    private readonly outcome: ApplicationOutcome,
    private readonly applications: ApplicationsService,
  ) {}

  async finalize(user: AuthUser, callId: string): Promise<FinalizeResult> {
    const now = this.clock.now();
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const call = await loadCall(m, callId, true);
      assertProgramOfficeAct(user, call, officeProvince(this.programs.get(call.programCode)));
      assertNotFinalized(call);
      const notice = await noticeOf(m, callId);
      if (!notice) throw AWARD_ERRORS['NOTICE.NOT_PUBLISHED']();
      if (now.getTime() < new Date(notice.endsAt).getTime())
        throw AWARD_ERRORS['NOTICE.STILL_OPEN'](
          { endsAt: notice.endsAt },
          { details: [{ path: 'endsAt', message: new Date(notice.endsAt).toISOString() }] },
        );
      const [{ open }] = await m.query(
        `SELECT count(*)::int AS open FROM objection WHERE call_id = $1 AND resolved_at IS NULL`,
        [callId],
      );
      if (open > 0) throw AWARD_ERRORS['OBJECTIONS.UNANSWERED']({ open });
      const def = this.programs.get(call.programCode);
      if (!def) throw APPLICATION_ERRORS['CALL.UNKNOWN_PROGRAM']({ code: call.programCode });

      const apps: FinalizeRow[] = await m.query(
        `SELECT a.id, a.status, a.number, a.title, a.track, a.organization_id, o.organization_name, d.outcome, d.tier, d.amount_fen
           FROM ${applicationsFrom('a')} ${organizationPayeeJoin('o', 'a.organization_id')}
           LEFT JOIN award_decision d ON d.application_id = a.id
          WHERE a.call_id = $1 AND a.status IN ('proposed', 'reviewed') ORDER BY a.number NULLS LAST, a.id FOR UPDATE OF a`,
        [callId],
      );
      const awardIds: string[] = [];
      let notAwarded = 0;
      for (const a of apps) {
        const awarded = a.status === 'proposed' && a.outcome === 'award';
        if (awarded) {
          const certificateNo =
            def.award.document === 'certificate' ? await nextCertificateNo(m, def.prefix, call.year) : null;
          const money = awardCarriesMoney(def, a.track);
          const amountFen = money ? Number(a.amount_fen) : 0;
          const [award] = await m.query(
            `INSERT INTO award (application_id, call_id, organization_id, program_code, track, year, tier, amount_fen, certificate_no, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
            [
              a.id,
              callId,
              a.organization_id,
              call.programCode,
              a.track,
              call.year,
              a.tier,
              amountFen,
              certificateNo,
              now,
            ],
          );
          awardIds.push(award.id);
          await this.applications.linkAward(tx, a.id, award.id);
          await this.outcome.move(tx, a, 'awarded', user.id, undefined, { awardId: award.id, certificateNo });
          if (money)
            await this.plans.create(
              tx,
              { id: award.id, applicationId: a.id, organizationId: a.organization_id, callId, amountFen },
              def.award.instalments,
              user.id,
            );
          await mailOrganization(
            this.mail,
            tx,
            a.organization_id,
            finalOutcome({
              organization: a.organization_name,
              number: a.number,
              title: a.title,
              callTitle: call.title,
              awarded: true,
              tier: a.tier,
              amountFen,
              certificateNo,
            }),
            `/my/awards/${award.id}`,
          );
        } else {
          notAwarded++;
          await this.outcome.move(tx, a, 'not_awarded', user.id);
          await mailOrganization(
            this.mail,
            tx,
            a.organization_id,
            finalOutcome({
              organization: a.organization_name,
              number: a.number,
              title: a.title,
              callTitle: call.title,
              awarded: false,
              tier: null,
              amountFen: 0,
              certificateNo: null,
            }),
            `/applications/${a.id}`,
          );
        }
      }
      await markCallFinalized(m, callId, now);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'call.finalized',
        entityType: 'call',
        entityId: callId,
        data: { awarded: awardIds.length, notAwarded, awards: awardIds },
      });
      const awards = awardIds.length
        ? await m.query(`${AWARD_SQL} WHERE aw.id = ANY($1::uuid[]) ORDER BY app.number`, [awardIds])
        : [];
      return {
        callId,
        finalizedAt: now.toISOString(),
        awarded: awardIds.length,
        notAwarded,
        awards: awards.map(awardView),
      };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { createHash } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  inTransaction,
  MailService,
  page,
  Page,
  PageQuery,
  PortalConfig,
  shanghaiDay,
  SqlRow,
} from '@portal/platform';
import { agreementCountersigned, mailOrganization } from '@portal/notifications';
import { usersRelation } from '@portal/identity';
import { findAwardOwner } from '@portal/awards';
import { I18nText, ProgramDefinition, ProgramRegistry } from '@portal/programs';
import { HOLD_AGREEMENT, InstalmentHolds, PaymentPlans } from '@portal/payments';
import { FOLLOWUP_ERRORS } from '../errors';
import { changeSummary, changesOf, ChangeView } from '../changes/change.view';
import { CHANGE_KIND_NAMES } from '../changes/change-status';
import { AgreementStatus, AGREEMENT_STATUSES, assertAgreementTransition } from './agreement-status';
import { AgreementPdfData, renderAgreement } from './agreement-pdf';
import { GRANT_FROM, GRANT_SELECT, GrantFacts, grantScopeCondition, readGrant } from './grant-facts';

export class AcceptAgreementDto {
  @ApiPropertyOptional({ description: 'the version the grantee read (409 when the agreement changed since)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AgreementListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES }) @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ example: 'jingpin' }) @IsOptional() @IsString() @MaxLength(40) program?: string;
}

export interface AgreementInstalment {
  instalmentNo: number;
  percent: number;
  amountFen: number;
  milestone: string;
  /** What the instalment waits for (the program's name of the milestone). */
  condition: I18nText;
  status: string;
  holdReasons: string[];
}

export interface AgreementView {
  id: string;
  awardId: string;
  status: AgreementStatus;
  version: number;
  awardStatus: string;
  programCode: string;
  programName: I18nText;
  agency: I18nText;
  callTitle: string;
  track: string | null;
  trackName: I18nText | null;
  tier: string | null;
  applicationId: string;
  applicationNumber: string | null;
  title: string;
  originalTitle: string;
  organizationId: string;
  organizationName: string;
  creditCode: string;
  amountFen: number;
  awardedOn: string;
  planMonths: number;
  planEndsOn: string;
  instalments: AgreementInstalment[];
  deliverables: I18nText[];
  duties: I18nText[];
  pdfSha256: string | null;
  acceptedBy: string | null;
  acceptedByName: string | null;
  acceptedAt: string | null;
  acceptedIp: string | null;
  acceptedVersion: number | null;
  countersignedBy: string | null;
  countersignedByName: string | null;
  countersignedAt: string | null;
  changes: ChangeView[];
}

export interface AgreementListItem {
  id: string;
  awardId: string;
  status: AgreementStatus;
  version: number;
  programCode: string;
  applicationNumber: string | null;
  title: string;
  organizationName: string;
  amountFen: number;
  planEndsOn: string;
  acceptedByName: string | null;
  acceptedAt: string | null;
  countersignedAt: string | null;
}

const AGREEMENT_COLS = `g.id, g.award_id, g.status, g.version, to_char(g.plan_ends_on, 'YYYY-MM-DD') AS plan_ends_on, g.pdf_sha256,
  g.accepted_by, g.accepted_by_name, g.accepted_at, g.accepted_ip, g.accepted_version, g.countersigned_by, cu.name AS countersigned_by_name,
  g.countersigned_at, g.created_at`;
const COUNTERSIGNER = `LEFT JOIN ${usersRelation('cu')} ON cu.id = g.countersigned_by`;

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/**
 * 签约 (issue 13): the task agreement of every award with money whose call requires one. It is issued lazily, on the
 * first read of the award's agreement or of the officers' list (plan end = award day + the program's planMonths); the
 * grantee accepts it (name, time, address and the sha256 of the PDF they accepted are recorded), then an officer in
 * scope countersigns it, which releases the `agreement` hold on the instalments in the same transaction.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
    private readonly plans: PaymentPlans,
    private readonly holds: InstalmentHolds,
    private readonly mail: MailService,
    private readonly config: PortalConfig,
  ) {}

  private program(code: string): ProgramDefinition {
    const def = this.programs.get(code);
    if (!def?.agreement) throw FOLLOWUP_ERRORS['AGREEMENT.NOT_FOUND']();
    return def;
  }

  /** The programs with agreement terms, as parallel arrays for SQL (code, months). */
  private planMonths(): [string[], number[]] {
    const defs = this.programs.list().filter((d) => d.agreement);
    return [defs.map((d) => d.code), defs.map((d) => d.agreement?.planMonths ?? 0)];
  }

  /**
   * Issues the missing agreements (all awards with money on calls requiring one; `awardId` limits it to that award),
   * each with its audit event (`agreement.issued`, by the system). Runs in the caller's transaction.
   */
  async issueMissing(m: EntityManager, awardId?: string): Promise<number> {
    const [codes, months] = this.planMonths();
    const now = this.clock.now();
    const rows: { id: string; award_id: string; plan_ends_on: string }[] = await m.query(
      `INSERT INTO grant_agreement (award_id, plan_ends_on, created_at, updated_at)
       SELECT aw.award_id, (aw.awarded_on::date + make_interval(months => pm.months))::date, $3::timestamptz, $3::timestamptz
         FROM (SELECT ${GRANT_SELECT} FROM ${GRANT_FROM}) aw
         JOIN unnest($1::text[], $2::int[]) AS pm(code, months) ON pm.code = aw.program_code
        WHERE aw.amount_fen::bigint > 0 AND aw.agreement_required
          AND NOT EXISTS (SELECT 1 FROM grant_agreement x WHERE x.award_id = aw.award_id)
          ${awardId ? 'AND aw.award_id = $4' : ''}
       ON CONFLICT (award_id) DO NOTHING RETURNING id, award_id, to_char(plan_ends_on, 'YYYY-MM-DD') AS plan_ends_on`,
      [codes, months, now, ...(awardId ? [awardId] : [])],
    );
    for (const r of rows)
      await this.audit.record(m, {
        actorId: null,
        action: 'agreement.issued',
        entityType: 'grant_agreement',
        entityId: r.id,
        data: { awardId: r.award_id, planEndsOn: r.plan_ends_on, version: 1 },
      });
    return rows.length;
  }

  /** The agreement row of a grant (issued now if missing); 404 when the award needs none. `lock`: FOR UPDATE. */
  private async row(m: EntityManager, g: GrantFacts, lock = false): Promise<SqlRow> {
    if (!g.agreementRequired || g.amountFen <= 0) throw FOLLOWUP_ERRORS['AGREEMENT.NOT_FOUND']();
    this.program(g.programCode);
    const read = async () =>
      (await m.query(
        `SELECT ${AGREEMENT_COLS} FROM grant_agreement g ${COUNTERSIGNER} WHERE g.award_id = $1 ${lock ? 'FOR UPDATE OF g' : ''}`,
        [g.awardId],
      )) as SqlRow[];
    let rows = await read();
    if (!rows.length) {
      await this.issueMissing(m, g.awardId);
      rows = await read();
    }
    if (!rows.length) throw FOLLOWUP_ERRORS['AGREEMENT.NOT_FOUND']();
    return rows[0];
  }

  private async view(m: EntityManager, g: GrantFacts, r: SqlRow): Promise<AgreementView> {
    const def = this.program(g.programCode);
    const terms = def.agreement!;
    const plan = await this.plans.planOf(m, g.awardId);
    const holds = new Map((await this.holds.of(m, g.awardId)).map((h) => [h.instalmentNo, h]));
    const names = new Map(def.award.instalments.map((i) => [i.instalmentNo, i.name]));
    const changes = await changesOf(m, g.awardId, true);
    return {
      id: r.id,
      awardId: g.awardId,
      status: r.status,
      version: Number(r.version),
      awardStatus: g.awardStatus,
      programCode: g.programCode,
      programName: def.name,
      agency: def.agency,
      callTitle: g.callTitle,
      track: g.track,
      trackName: def.tracks.find((t) => t.code === g.track)?.name ?? null,
      tier: g.tier,
      applicationId: g.applicationId,
      applicationNumber: g.applicationNumber,
      title: currentTitle(g.title, changes),
      originalTitle: g.title,
      organizationId: g.organizationId,
      organizationName: g.organizationName,
      creditCode: g.creditCode,
      amountFen: g.amountFen,
      awardedOn: g.awardedOn,
      planMonths: terms.planMonths,
      planEndsOn: r.plan_ends_on,
      instalments: plan.map((p) => ({
        instalmentNo: p.instalmentNo,
        percent: p.percent,
        amountFen: p.amountFen,
        milestone: p.milestone,
        condition: names.get(p.instalmentNo) ?? { zh: p.milestone, en: p.milestone },
        status: holds.get(p.instalmentNo)?.status ?? 'planned',
        holdReasons: holds.get(p.instalmentNo)?.reasons ?? [],
      })),
      deliverables: terms.deliverables,
      duties: terms.duties,
      pdfSha256: r.pdf_sha256 ?? null,
      acceptedBy: r.accepted_by ?? null,
      acceptedByName: r.accepted_by_name ?? null,
      acceptedAt: iso(r.accepted_at),
      acceptedIp: r.accepted_ip ?? null,
      acceptedVersion:
        r.accepted_version === null || r.accepted_version === undefined ? null : Number(r.accepted_version),
      countersignedBy: r.countersigned_by ?? null,
      countersignedByName: r.countersigned_by_name ?? null,
      countersignedAt: iso(r.countersigned_at),
      changes,
    };
  }

  /** The PDF of the agreement's present state (no acceptance stamp in it: the accepted bytes stay verifiable). */
  private async render(m: EntityManager, g: GrantFacts, r: SqlRow): Promise<{ bytes: Buffer; sha256: string }> {
    const v = await this.view(m, g, r);
    const data: AgreementPdfData = {
      version: v.version,
      agency: v.agency.zh,
      organization: v.organizationName,
      creditCode: v.creditCode,
      programName: v.programName.zh,
      callTitle: v.callTitle,
      trackName: v.trackName?.zh ?? null,
      applicationNumber: v.applicationNumber,
      title: v.title,
      originalTitle: v.originalTitle,
      tier: v.tier,
      amountFen: v.amountFen,
      awardedOn: v.awardedOn,
      planEndsOn: v.planEndsOn,
      instalments: v.instalments.map((i) => ({ ...i, condition: i.condition.zh })),
      deliverables: v.deliverables.map((d) => d.zh),
      duties: v.duties.map((d) => d.zh),
      changes: v.changes.map((c) => ({
        agreementVersion: c.agreementVersion ?? 0,
        kind: CHANGE_KIND_NAMES[c.kind].zh,
        summary: changeSummary(c),
        reason: c.reason,
        decidedOn: c.decidedAt ? shanghaiDay(new Date(c.decidedAt)) : '',
      })),
      issuedAt: new Date(r.created_at),
    };
    const bytes = await renderAgreement(data);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  async get(user: AuthUser, awardId: string): Promise<AgreementView> {
    return inTransaction(this.ds, async (tx) => {
      const g = await readGrant(tx.manager, user, awardId);
      return this.view(tx.manager, g, await this.row(tx.manager, g));
    });
  }

  async pdf(user: AuthUser, awardId: string): Promise<{ fileName: string; bytes: Buffer; sha256: string }> {
    return inTransaction(this.ds, async (tx) => {
      const g = await readGrant(tx.manager, user, awardId);
      const r = await this.row(tx.manager, g);
      const out = await this.render(tx.manager, g, r);
      return { ...out, fileName: `${g.applicationNumber ?? g.awardId}-任务书-v${r.version}.pdf` };
    });
  }

  /** The grantee accepts: who, when, from where, and the sha256 of the PDF as it stands now. */
  async accept(
    user: AuthUser,
    awardId: string,
    version: number | undefined,
    ip: string | null,
  ): Promise<AgreementView> {
    const now = this.clock.now();
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const g = await this.lockedGrant(m, user, awardId);
      const r = await this.row(m, g, true);
      if (g.awardStatus === 'revoked') throw FOLLOWUP_ERRORS['AGREEMENT.AWARD_REVOKED']();
      assertAgreementTransition(r.status, 'accepted');
      if (version !== undefined && version !== Number(r.version))
        throw FOLLOWUP_ERRORS['AGREEMENT.VERSION_CHANGED']({ version: Number(r.version) });
      const { sha256 } = await this.render(m, g, r);
      const [who]: { name: string | null }[] = await m.query(`SELECT name FROM ${usersRelation('u')} WHERE u.id = $1`, [
        user.id,
      ]);
      await m.query(
        `UPDATE grant_agreement SET status = 'accepted', accepted_by = $2, accepted_by_name = $3, accepted_at = $4,
                accepted_ip = $5, accepted_version = version, pdf_sha256 = $6, updated_at = $4
          WHERE id = $1 AND status = 'issued'`,
        [r.id, user.id, who?.name ?? '', now, ip, sha256],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'agreement.accepted',
        entityType: 'grant_agreement',
        entityId: r.id,
        data: { awardId, version: Number(r.version), sha256, ip },
      });
    });
    return this.get(user, awardId);
  }

  /** An officer in scope countersigns an accepted agreement: the `agreement` hold is released, the first instalment is due. */
  async countersign(user: AuthUser, awardId: string): Promise<AgreementView> {
    const now = this.clock.now();
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const g = await this.lockedGrant(m, user, awardId);
      const r = await this.row(m, g, true);
      if (g.awardStatus === 'revoked') throw FOLLOWUP_ERRORS['AGREEMENT.AWARD_REVOKED']();
      assertAgreementTransition(r.status, 'countersigned');
      await m.query(
        `UPDATE grant_agreement SET status = 'countersigned', countersigned_by = $2, countersigned_at = $3, updated_at = $3
          WHERE id = $1 AND status = 'accepted'`,
        [r.id, user.id, now],
      );
      const released = await this.holds.release(tx, awardId, HOLD_AGREEMENT, user.id);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'agreement.countersigned',
        entityType: 'grant_agreement',
        entityId: r.id,
        data: { awardId, version: Number(r.version), released },
      });
      await mailOrganization(
        this.mail,
        tx,
        g.organizationId,
        agreementCountersigned({
          organization: g.organizationName,
          number: g.applicationNumber,
          title: g.title,
          released,
          url: `${this.config.PUBLIC_URL}/my/awards/${awardId}`,
        }),
        `/my/awards/${awardId}`,
      );
    });
    return this.get(user, awardId);
  }

  /** The grant, its award row locked FOR SHARE against a revocation meanwhile (which locks it FOR NO KEY UPDATE). */
  private async lockedGrant(m: EntityManager, user: AuthUser, awardId: string): Promise<GrantFacts> {
    await findAwardOwner(m, awardId, true);
    return readGrant(m, user, awardId);
  }

  /** Officers' and finance's list (`?status=accepted`: the queue to countersign), scoped like the awards. */
  async list(user: AuthUser, q: AgreementListQuery): Promise<Page<AgreementListItem>> {
    await inTransaction(this.ds, (tx) => this.issueMissing(tx.manager));
    const params: unknown[] = [];
    const where: string[] = [`aw.status = 'active'`];
    const scope = grantScopeCondition(user, params);
    if (scope !== 'TRUE') where.push(scope);
    if (q.status) where.push(`g.status = $${params.push(q.status)}`);
    if (q.callId) where.push(`aw.call_id = $${params.push(q.callId)}`);
    if (q.program) where.push(`aw.program_code = $${params.push(q.program)}`);
    const from = `grant_agreement g JOIN ${GRANT_FROM} ON aw.id = g.award_id`;
    const w = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM ${from} ${w}`, params);
    const rows: SqlRow[] = await this.ds.query(
      `SELECT g.id, g.award_id, g.status, g.version, to_char(g.plan_ends_on, 'YYYY-MM-DD') AS plan_ends_on, g.accepted_by_name,
              g.accepted_at, g.countersigned_at, aw.program_code, app.number, app.title, o.name AS organization_name, aw.amount_fen,
              (SELECT ch.proposed->>'title' FROM award_change ch WHERE ch.award_id = g.award_id AND ch.kind = 'title'
                 AND ch.status = 'approved' ORDER BY ch.agreement_version DESC LIMIT 1) AS changed_title
         FROM ${from} ${w}
        ORDER BY g.accepted_at NULLS LAST, app.number, g.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(
      rows.map((r) => ({
        id: r.id,
        awardId: r.award_id,
        status: r.status,
        version: Number(r.version),
        programCode: r.program_code,
        applicationNumber: r.number ?? null,
        title: r.changed_title ?? r.title,
        organizationName: r.organization_name,
        amountFen: Number(r.amount_fen),
        planEndsOn: r.plan_ends_on,
        acceptedByName: r.accepted_by_name ?? null,
        acceptedAt: iso(r.accepted_at),
        countersignedAt: iso(r.countersigned_at),
      })),
      total,
      q,
    );
  }
}

/** The title as the last approved title change has it (the application keeps its own). */
export function currentTitle(original: string, approved: ChangeView[]): string {
  const last = [...approved].reverse().find((c) => c.kind === 'title');
  return last ? String(last.proposed.title) : original;
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, page, Page, SqlRow } from '@portal/platform';
import { ProgramRegistry } from '@portal/programs';
import { findAwardOwner } from '@portal/awards';
import { FOLLOWUP_ERRORS } from '../errors';
import { planEndOf } from '../schedule/plan-end';
import { GRANT_FROM, GrantFacts, grantScopeCondition, readGrant } from '../agreements/grant-facts';
import { assertChangeTransition, ChangeStatus } from './change-status';
import { evaluationOf } from '../reports/reports.service';
import { ChangeListQuery, ChangeRequestDto, checkProposal } from './change.dto';
import { CHANGE_JOINS, CHANGE_SELECT, changesOf, changeView, ChangeView } from './change.view';

export interface ChangeQueueItem extends ChangeView {
  programCode: string;
  applicationNumber: string | null;
  title: string;
  organizationName: string;
}

/**
 * 变更 (issue 13) of a grant: the grantee requests a change of title, schedule, content, team or budget lines with a
 * reason; an officer in scope approves or rejects it; the grantee may withdraw a pending one. An approved change raises
 * the task agreement's version (the agreement shows it in its annex); an approved schedule change moves the agreement's
 * plan end (the closing report's due day, see planEndOf); an approved title change is shown on the agreement while the
 * application keeps its title. A closed award — revoked, or evaluated (结项 with its 绩效评价) — takes no change (409
 * CHANGE.AWARD_CLOSED).
 */
@Injectable()
export class ChangesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
  ) {}

  /** The award's facts with its row locked FOR SHARE (a revocation waits, and is waited for); 404 outside the user's reach. */
  private async lockedGrant(m: EntityManager, user: AuthUser, awardId: string): Promise<GrantFacts> {
    await findAwardOwner(m, awardId, true);
    return readGrant(m, user, awardId);
  }

  async request(user: AuthUser, awardId: string, dto: ChangeRequestDto): Promise<ChangeView> {
    const now = this.clock.now();
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const g = await this.lockedGrant(m, user, awardId);
      if (g.amountFen <= 0) throw FOLLOWUP_ERRORS['CHANGE.NOT_A_GRANT']();
      if (await isClosed(m, g, awardId)) throw FOLLOWUP_ERRORS['CHANGE.AWARD_CLOSED']();
      const proposed = checkProposal(dto.kind, dto.proposed);
      if (dto.kind === 'schedule') {
        const current = await planEndOf(m, awardId, this.programs.get(g.programCode)?.agreement?.planMonths ?? null);
        const to = String(proposed.planEndsOn);
        if (to <= g.awardedOn || to === current) throw FOLLOWUP_ERRORS['CHANGE.SCHEDULE_INVALID']();
      }
      const rows: { id: string }[] = await m.query(
        `INSERT INTO award_change (award_id, kind, reason, proposed, requested_by, requested_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $6)
         ON CONFLICT (award_id, kind) WHERE status = 'pending' DO NOTHING RETURNING id`,
        [awardId, dto.kind, dto.reason.trim(), JSON.stringify(proposed), user.id, now],
      );
      if (!rows.length) throw FOLLOWUP_ERRORS['CHANGE.PENDING_EXISTS']();
      await this.audit.record(m, {
        actorId: user.id,
        action: 'change.requested',
        entityType: 'award_change',
        entityId: rows[0].id,
        data: { awardId, kind: dto.kind, proposed },
      });
      return this.one(m, rows[0].id);
    });
  }

  /** Every change of the award (owner organization, officers in scope, finance), oldest first. */
  async listOfAward(user: AuthUser, awardId: string): Promise<ChangeView[]> {
    await readGrant(this.ds.manager, user, awardId);
    return changesOf(this.ds.manager, awardId);
  }

  /** The officers' queue (`?status=pending`), scoped like the awards; oldest first. */
  async queue(user: AuthUser, q: ChangeListQuery): Promise<Page<ChangeQueueItem>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const scope = grantScopeCondition(user, params);
    if (scope !== 'TRUE') where.push(scope);
    if (q.status) where.push(`ch.status = $${params.push(q.status)}`);
    if (q.kind) where.push(`ch.kind = $${params.push(q.kind)}`);
    if (q.program) where.push(`aw.program_code = $${params.push(q.program)}`);
    const from = `award_change ch JOIN ${GRANT_FROM} ON aw.id = ch.award_id ${CHANGE_JOINS}`;
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM ${from} ${w}`, params);
    const rows: SqlRow[] = await this.ds.query(
      `SELECT ${CHANGE_SELECT}, aw.program_code, app.number AS application_number, app.title, o.name AS organization_name
         FROM ${from} ${w} ORDER BY ch.requested_at, ch.seq LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(
      rows.map((r) => ({
        ...changeView(r),
        programCode: r.program_code,
        applicationNumber: r.application_number ?? null,
        title: r.title,
        organizationName: r.organization_name,
      })),
      total,
      q,
    );
  }

  approve(user: AuthUser, id: string, note: string | undefined): Promise<ChangeView> {
    return this.decide(user, id, 'approved', note?.trim() || null);
  }

  reject(user: AuthUser, id: string, note: string): Promise<ChangeView> {
    return this.decide(user, id, 'rejected', note.trim());
  }

  withdraw(user: AuthUser, id: string): Promise<ChangeView> {
    return this.decide(user, id, 'withdrawn', null);
  }

  private async decide(user: AuthUser, id: string, to: ChangeStatus, note: string | null): Promise<ChangeView> {
    const now = this.clock.now();
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const [head]: { award_id: string }[] = await m.query(`SELECT award_id FROM award_change WHERE id = $1`, [id]);
      if (!head) throw FOLLOWUP_ERRORS['CHANGE.NOT_FOUND']();
      let g: GrantFacts;
      try {
        g = await this.lockedGrant(m, user, head.award_id);
      } catch (e) {
        if (FOLLOWUP_ERRORS['AWARD_FOLLOWUP.NOT_FOUND'].is(e)) throw FOLLOWUP_ERRORS['CHANGE.NOT_FOUND']();
        throw e;
      }
      const [ch]: SqlRow[] = await m.query(`SELECT * FROM award_change WHERE id = $1 FOR UPDATE`, [id]);
      assertChangeTransition(ch.status, to);
      if (to === 'approved' && (await isClosed(m, g, head.award_id))) throw FOLLOWUP_ERRORS['CHANGE.AWARD_CLOSED']();
      let agreementVersion: number | null = null;
      if (to === 'approved') {
        const planEndsOn = ch.kind === 'schedule' ? String(ch.proposed.planEndsOn) : null;
        // TypeORM answers an UPDATE … RETURNING with [rows, count]
        const [bumped]: [{ version: number }[], number] = await m.query(
          `UPDATE grant_agreement SET version = version + 1, plan_ends_on = COALESCE($2::date, plan_ends_on), updated_at = $3
            WHERE award_id = $1 RETURNING version`,
          [g.awardId, planEndsOn, now],
        );
        if (bumped.length) agreementVersion = Number(bumped[0].version);
        else {
          const [{ v }]: { v: number }[] = await m.query(
            `SELECT COALESCE(max(agreement_version), 1) + 1 AS v FROM award_change WHERE award_id = $1 AND status = 'approved'`,
            [g.awardId],
          );
          agreementVersion = Number(v);
        }
      }
      await m.query(
        `UPDATE award_change SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5, agreement_version = $6,
                updated_at = $7, version = version + 1
          WHERE id = $1`,
        [id, to, to === 'withdrawn' ? null : user.id, to === 'withdrawn' ? null : now, note, agreementVersion, now],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: `change.${to}`,
        entityType: 'award_change',
        entityId: id,
        data: { awardId: g.awardId, kind: ch.kind, note, agreementVersion },
      });
      return this.one(m, id);
    });
  }

  private async one(m: EntityManager, id: string): Promise<ChangeView> {
    const rows: SqlRow[] = await m.query(
      `SELECT ${CHANGE_SELECT} FROM award_change ch ${CHANGE_JOINS} WHERE ch.id = $1`,
      [id],
    );
    return changeView(rows[0]);
  }
}

/** Closed for changes: revoked, or already evaluated (the grant's 结项 is done). */
async function isClosed(m: EntityManager, g: GrantFacts, awardId: string): Promise<boolean> {
  return g.awardStatus === 'revoked' || (await evaluationOf(m, awardId)) !== null;
}

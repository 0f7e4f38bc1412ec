import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  inTransaction,
  page,
  Page,
  shanghaiDay,
  SqlRow,
  Tx,
} from '@portal/platform';
import { MONEY_KINDS } from '../ledger/ledger';
import { findAwardOwner } from '@portal/awards';
import { InstalmentMachine } from './instalment-mover';
import { INSTALMENT_FROM, INSTALMENT_SELECT, instalmentView, InstalmentView } from './instalment.view';
import { PaymentListQuery } from './payments.dto';
import { AWARD_ERRORS } from '@portal/awards';
import { PAYMENT_ERRORS } from '../errors';
import { assertMayApprove, assertMayRelease } from '../approval/approver';
import { callPaymentDualControl } from '@portal/applications';
import { organizationInProvinceSql } from '@portal/identity';
import { paymentScopeCondition, staffMaySeeApplicationMoney } from '../shared/officer-scope';

export interface LedgerEntry {
  id: string;
  at: string;
  kind: string;
  from: string | null;
  to: string | null;
  amountFen: number;
  instalmentId: string;
  instalmentNo: number;
  actorId: string | null;
  note: string | null;
  detail: Record<string, unknown>;
}

export interface AwardLedger {
  awardId: string;
  amountFen: number;
  paidFen: number;
  recoveredFen: number;
  /** paid − recovered: what the organization keeps. */
  balanceFen: number;
  /** Paid and put up for recovery, not yet recovered. */
  outstandingRecoveryFen: number;
  instalments: InstalmentView[];
  entries: LedgerEntry[];
}

const isStaff = (u: AuthUser) => u.roles.some((r) => r === 'finance' || r === 'officer' || r === 'admin');

function entry(r: SqlRow): LedgerEntry {
  const d = r.detail ?? {};
  return {
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    from: r.from_status,
    to: r.to_status,
    amountFen: Number(r.amount_fen),
    instalmentId: r.instalment_id,
    instalmentNo: Number(r.instalment_no),
    actorId: r.actor_id,
    note: d.note ?? d.reason ?? null,
    detail: d,
  };
}

/** Instalments as finance, officers and the paid organization see them; retries and recoveries. */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly machine: InstalmentMachine,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: PaymentListQuery): Promise<Page<InstalmentView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!isStaff(user))
      where.push(`i.organization_id = $${params.push(user.organizationId ?? '00000000-0000-0000-0000-000000000000')}`);
    else {
      const scope = paymentScopeCondition(user, 'i.application_id', params);
      if (scope !== 'TRUE') where.push(scope);
    }
    if (q.callId) where.push(`i.call_id = $${params.push(q.callId)}`);
    if (q.status) where.push(`i.status = $${params.push(q.status)}`);
    if (q.awardId) where.push(`i.award_id = $${params.push(q.awardId)}`);
    if (q.batchId) where.push(`i.batch_id = $${params.push(q.batchId)}`);
    if (q.instalmentNo) where.push(`i.instalment_no = $${params.push(q.instalmentNo)}`);
    if (q.province) where.push(organizationInProvinceSql('i.organization_id', `$${params.push(q.province)}`));
    if (q.retryProposed) where.push(`i.status = 'failed' AND i.retry_proposed_by IS NOT NULL`);
    if (q.due)
      where.push(
        `i.status = 'planned' AND i.due_on IS NOT NULL AND i.due_on <= $${params.push(shanghaiDay(this.clock.now()))}::date`,
      );
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM instalment i ${w}`, params);
    const rows = await this.ds.query(
      `SELECT ${INSTALMENT_SELECT} FROM ${INSTALMENT_FROM} ${w}
        ORDER BY i.due_on NULLS LAST, app.number, i.instalment_no, i.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(rows.map(instalmentView), total, q);
  }

  /** One instalment with its history (every ledger line). */
  async get(user: AuthUser, id: string): Promise<InstalmentView & { history: LedgerEntry[] }> {
    const rows = await this.ds.query(`SELECT ${INSTALMENT_SELECT} FROM ${INSTALMENT_FROM} WHERE i.id = $1`, [id]);
    if (
      !rows.length ||
      (isStaff(user)
        ? !(await staffMaySeeApplicationMoney(this.ds.manager, user, rows[0].application_id))
        : rows[0].organization_id !== user.organizationId)
    )
      throw PAYMENT_ERRORS['INSTALMENT.NOT_FOUND']();
    const history = await this.ds.query(
      `SELECT l.*, i.instalment_no FROM payment_ledger l JOIN instalment i ON i.id = l.instalment_id WHERE l.instalment_id = $1 ORDER BY l.id`,
      [id],
    );
    return { ...instalmentView(rows[0]), history: history.map(entry) };
  }

  /**
   * `POST /api/payments/:id/retry`. A call without dual control (API.md's flow): the `failed` instalment goes back to
   * the queue at once (→ approved → sending), by one finance user who may release the money (not an admin, not of the
   * paid organization). A call with `paymentDualControl` on: the maker's proposal; nothing moves yet, another finance
   * user approves (`approveRetry`). Proposing again is a no-op for the same person and 409 while another's proposal waits.
   */
  async retry(user: AuthUser, id: string): Promise<InstalmentView> {
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const rows = await m.query(
        `SELECT status, call_id, organization_id, retry_proposed_by FROM instalment WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!rows.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_FOUND']();
      const r = rows[0];
      if (r.status !== 'failed') throw PAYMENT_ERRORS['INSTALMENT.NOT_FAILED']({ status: r.status });
      if (!(await callPaymentDualControl(m, r.call_id))) {
        assertMayRelease(user, [r.organization_id]);
        await this.sendAgain(tx, user, id, r.status, r.retry_proposed_by);
        return;
      }
      if (r.retry_proposed_by === user.id) return;
      if (r.retry_proposed_by) throw PAYMENT_ERRORS['INSTALMENT.RETRY_PROPOSED']();
      await m.query(`UPDATE instalment SET retry_proposed_by = $2, retry_proposed_at = $3 WHERE id = $1`, [
        id,
        user.id,
        this.clock.now(),
      ]);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'instalment.retry-proposed',
        entityType: 'instalment',
        entityId: id,
      });
    });
    return this.get(user, id);
  }

  /**
   * Checker: another finance user (not an admin, not of the paid organization) approves the proposed retry: the
   * instalment goes back to the queue (its outbox row queued again) with a fresh round of attempts. A proposal made
   * while the call's dual control was on can be approved after it was switched off.
   */
  async approveRetry(user: AuthUser, id: string): Promise<InstalmentView> {
    await inTransaction(this.ds, async (tx) => {
      const rows = await tx.manager.query(
        `SELECT status, organization_id, retry_proposed_by FROM instalment WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!rows.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_FOUND']();
      const r = rows[0];
      if (r.status !== 'failed') throw PAYMENT_ERRORS['INSTALMENT.NOT_FAILED']({ status: r.status });
      if (!r.retry_proposed_by) throw PAYMENT_ERRORS['INSTALMENT.NO_RETRY_PROPOSED']();
      assertMayApprove(user, r.retry_proposed_by, [r.organization_id], () =>
        PAYMENT_ERRORS['INSTALMENT.SAME_PERSON'](),
      );
      await this.sendAgain(tx, user, id, r.status, r.retry_proposed_by);
    });
    return this.get(user, id);
  }

  /** failed → approved (the machine's retry: fresh attempts, proposal cleared, outbox queued, audit `instalment.retried`). */
  private async sendAgain(tx: Tx, user: AuthUser, id: string, status: string, proposedBy: string | null) {
    const moved = await this.machine.move(tx, {
      items: [{ id }],
      to: 'approved',
      from: ['failed'],
      actor: 'finance',
      actorId: user.id,
      at: this.clock.now(),
      ...(proposedBy ? { detail: { proposedBy } } : {}),
      outbox: true,
    });
    if (!moved.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_FAILED']({ status });
  }

  /** Finance records that the money put up for recovery came back. */
  async recovered(
    user: AuthUser,
    id: string,
    note: string | undefined,
    bankReference?: string,
  ): Promise<InstalmentView> {
    const now = this.clock.now();
    await inTransaction(this.ds, async (tx) => {
      const rows = await tx.manager.query(`SELECT status FROM instalment WHERE id = $1`, [id]);
      if (!rows.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_FOUND']();
      const moved = await this.machine.move(tx, {
        items: [{ id }],
        to: 'recovered',
        from: ['recovering'],
        actor: 'finance',
        actorId: user.id,
        at: now,
        detail: { note: note ?? null, bankReference: bankReference?.trim() || null },
        reason: note ?? null,
      });
      if (!moved.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_RECOVERING']({ status: rows[0].status });
    });
    return this.get(user, id);
  }

  /** paid − recovered per award, with the money lines of the ledger. Owner organization, finance, officers. */
  async ledger(user: AuthUser, awardId: string): Promise<AwardLedger> {
    const award = await findAwardOwner(this.ds.manager, awardId);
    if (
      !award ||
      (isStaff(user)
        ? !(await staffMaySeeApplicationMoney(this.ds.manager, user, award.applicationId))
        : award.organizationId !== user.organizationId)
    )
      throw AWARD_ERRORS['AWARD.NOT_FOUND']();
    const lines = await this.ds.query(
      `SELECT l.*, i.instalment_no FROM payment_ledger l JOIN instalment i ON i.id = l.instalment_id
        WHERE l.award_id = $1 AND l.kind = ANY($2::text[]) ORDER BY l.id`,
      [awardId, MONEY_KINDS],
    );
    const sum = (kind: string) =>
      lines.filter((l: SqlRow) => l.kind === kind).reduce((s: number, l: SqlRow) => s + Number(l.amount_fen), 0);
    const paidFen = sum('paid');
    const recoveredFen = sum('recovered');
    const instalments = await this.ds.query(
      `SELECT ${INSTALMENT_SELECT} FROM ${INSTALMENT_FROM} WHERE i.award_id = $1 ORDER BY i.instalment_no`,
      [awardId],
    );
    return {
      awardId,
      amountFen: award.amountFen,
      paidFen,
      recoveredFen,
      balanceFen: paidFen - recoveredFen,
      outstandingRecoveryFen: sum('recovery-opened') - recoveredFen,
      instalments: instalments.map(instalmentView),
      entries: lines.map(entry),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, ClockService, inTransaction, page, Page, shanghaiDay, SqlRow } from '@portal/platform';
import { MONEY_KINDS } from '../ledger/ledger';
import { findAwardOwner } from '@portal/awards';
import { InstalmentMachine } from './instalment-mover';
import { INSTALMENT_FROM, INSTALMENT_SELECT, instalmentView, InstalmentView } from './instalment.view';
import { PaymentListQuery } from './payments.dto';
import { AWARD_ERRORS } from '@portal/awards';
import { PAYMENT_ERRORS } from '../errors';

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
  ) {}

  async list(user: AuthUser, q: PaymentListQuery): Promise<Page<InstalmentView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!isStaff(user))
      where.push(`i.organization_id = $${params.push(user.organizationId ?? '00000000-0000-0000-0000-000000000000')}`);
    if (q.callId) where.push(`i.call_id = $${params.push(q.callId)}`);
    if (q.status) where.push(`i.status = $${params.push(q.status)}`);
    if (q.awardId) where.push(`i.award_id = $${params.push(q.awardId)}`);
    if (q.batchId) where.push(`i.batch_id = $${params.push(q.batchId)}`);
    if (q.instalmentNo) where.push(`i.instalment_no = $${params.push(q.instalmentNo)}`);
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
    if (!rows.length || (!isStaff(user) && rows[0].organization_id !== user.organizationId))
      throw PAYMENT_ERRORS['INSTALMENT.NOT_FOUND']();
    const history = await this.ds.query(
      `SELECT l.*, i.instalment_no FROM payment_ledger l JOIN instalment i ON i.id = l.instalment_id WHERE l.instalment_id = $1 ORDER BY l.id`,
      [id],
    );
    return { ...instalmentView(rows[0]), history: history.map(entry) };
  }

  /** A `failed` instalment goes back to the queue (its outbox row queued again), with a fresh round of attempts. */
  async retry(user: AuthUser, id: string): Promise<InstalmentView> {
    await inTransaction(this.ds, async (tx) => {
      const rows = await tx.manager.query(`SELECT status FROM instalment WHERE id = $1`, [id]);
      if (!rows.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_FOUND']();
      const moved = await this.machine.move(tx, {
        items: [{ id }],
        to: 'approved',
        from: ['failed'],
        actor: 'finance',
        actorId: user.id,
        at: this.clock.now(),
        outbox: true,
      });
      if (!moved.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_FAILED']({ status: rows[0].status });
    });
    return this.get(user, id);
  }

  /** Finance records that the money put up for recovery came back. */
  async recovered(user: AuthUser, id: string, note: string | undefined): Promise<InstalmentView> {
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
        detail: { note: note ?? null },
        reason: note ?? null,
      });
      if (!moved.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_RECOVERING']({ status: rows[0].status });
    });
    return this.get(user, id);
  }

  /** paid − recovered per award, with the money lines of the ledger. Owner organization, finance, officers. */
  async ledger(user: AuthUser, awardId: string): Promise<AwardLedger> {
    const award = await findAwardOwner(this.ds.manager, awardId);
    if (!award || (!isStaff(user) && award.organizationId !== user.organizationId))
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

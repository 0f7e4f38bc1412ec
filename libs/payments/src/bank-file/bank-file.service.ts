import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, shanghaiDay, SqlRow, Tx } from '@portal/platform';
import { applicationTitleJoin } from '@portal/applications';
import { awardStatusSql } from '@portal/awards';
import { organizationExcludedSql, organizationPayeeJoin } from '@portal/identity';
import { InstalmentFacts, InstalmentMachine } from '../instalments/instalment-mover';
import { PaymentSettlement } from '../sending/settlement';
import { formatBankFile, parseReturnFile, ReturnProblem } from './bank-file';
import { PAYMENT_ERRORS } from '../errors';

export interface BankReturnResult {
  paid: number;
  failed: number;
  ignored: ReturnProblem[];
}

const FACTS_COLUMNS = `i.id, i.award_id, i.organization_id, i.instalment_no, i.amount_fen, i.status, o.organization_name, o.credit_code,
    app.title, app.number, ${awardStatusSql('i.award_id')} AS award_status`;
const FACTS_FROM = `instalment i ${organizationPayeeJoin('o', 'i.organization_id')} ${applicationTitleJoin('app', 'i.application_id')}`;
const FACTS_SQL = `SELECT ${FACTS_COLUMNS} FROM ${FACTS_FROM}`;

function facts(r: SqlRow): InstalmentFacts {
  return {
    id: r.id,
    awardId: r.award_id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    title: r.title,
    instalmentNo: Number(r.instalment_no),
    amountFen: Number(r.amount_fen),
  };
}

/** PAYMENT_RAIL=bank-file: the export of an approved batch is the act of sending; the return file settles each line. */
@Injectable()
export class BankFileService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly settlement: PaymentSettlement,
    private readonly machine: InstalmentMachine,
  ) {}

  /** CSV for online banking. Approved lines are re-checked (excluded → failed), then `sending`; a re-download repeats them. */
  async export(user: AuthUser, batchId: string): Promise<{ fileName: string; text: string }> {
    const now = this.clock.now();
    return inTransaction(this.ds, async (tx) => {
      const b = await this.batch(tx, batchId);
      const approved: SqlRow[] = await tx.manager.query(
        `SELECT ${FACTS_COLUMNS}, ${organizationExcludedSql('i.organization_id', '$2')} AS excluded FROM ${FACTS_FROM}
          WHERE i.batch_id = $1 AND i.status = 'approved' ORDER BY i.id FOR UPDATE OF i`,
        [batchId, shanghaiDay(now)],
      );
      await this.machine.move(tx, {
        items: approved.filter((x) => x.award_status === 'revoked').map((r) => ({ id: r.id })),
        to: 'cancelled',
        from: ['approved'],
        actor: 'system',
        actorId: null,
        at: now,
        detail: { reason: 'revoked' },
      });
      for (const r of approved.filter((x) => x.award_status !== 'revoked' && x.excluded)) {
        await this.settlement.failed(tx, facts(r), 'excluded', 'finance', user.id, { check: 'bank file export' });
      }
      const go = approved.filter((x) => x.award_status !== 'revoked' && !x.excluded).map((x) => x.id);
      await this.machine.move(tx, {
        items: go.map((id) => ({ id })),
        to: 'sending',
        from: ['approved'],
        actor: 'finance',
        actorId: user.id,
        at: now,
        rail: 'bank-file',
        detail: { rail: 'bank-file' },
      });
      await tx.manager.query(`UPDATE payment_batch SET exported_at = COALESCE(exported_at, $2) WHERE id = $1`, [
        batchId,
        now,
      ]);
      const lines: SqlRow[] = await tx.manager.query(
        `${FACTS_SQL} WHERE i.batch_id = $1 AND i.status = 'sending' ORDER BY app.number, i.id`,
        [batchId],
      );
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'payment-batch.exported',
        entityType: 'payment_batch',
        entityId: batchId,
        data: { lines: lines.length, newlySent: go.length },
      });
      const text = formatBankFile(
        lines.map((r) => ({
          instalmentId: r.id,
          batchId,
          payeeName: r.organization_name,
          payeeCreditCode: r.credit_code,
          amountFen: Number(r.amount_fen),
          memo: `${r.number ?? r.title} 第${r.instalment_no}期`,
        })),
      );
      return { fileName: `payment-batch-${b.id.slice(0, 8)}-${shanghaiDay(now)}.csv`, text };
    });
  }

  /** The bank's return file: each line marks one `sending` instalment of this batch paid or failed. */
  async importReturn(user: AuthUser, batchId: string, text: string): Promise<BankReturnResult> {
    const { lines, problems } = parseReturnFile(text);
    if (!lines.length && problems.length)
      throw PAYMENT_ERRORS['BANK_RETURN.UNREADABLE']({
        details: problems.map((p) => ({ path: `line ${p.line}`, message: p.message })),
      });
    return inTransaction(this.ds, async (tx) => {
      await this.batch(tx, batchId);
      const ignored = [...problems];
      let paid = 0;
      let failed = 0;
      for (const l of lines) {
        const rows: SqlRow[] = await tx.manager.query(`${FACTS_SQL} WHERE i.id = $1 AND i.batch_id = $2`, [
          l.instalmentId,
          batchId,
        ]);
        if (!rows.length) {
          ignored.push({ line: l.line, message: 'not an instalment of this batch' });
          continue;
        }
        if (rows[0].status !== 'sending') {
          ignored.push({ line: l.line, message: `the instalment is ${rows[0].status}, not sending` });
          continue;
        }
        const detail = { via: 'bank-return', line: l.line, reference: l.reference, reason: l.reason };
        if (
          l.status === 'paid' &&
          (await this.settlement.paid(tx, facts(rows[0]), l.reference, 'finance', user.id, detail))
        )
          paid++;
        if (
          l.status === 'failed' &&
          (await this.settlement.failed(
            tx,
            facts(rows[0]),
            l.reason ?? 'returned by the bank',
            'finance',
            user.id,
            detail,
          ))
        )
          failed++;
      }
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'payment-batch.bank-return',
        entityType: 'payment_batch',
        entityId: batchId,
        data: { paid, failed, ignored: ignored.length },
      });
      return { paid, failed, ignored: ignored.sort((a, b) => a.line - b.line) };
    });
  }

  private async batch(tx: Tx, id: string): Promise<SqlRow> {
    const rows = await tx.manager.query(`SELECT * FROM payment_batch WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows.length) throw PAYMENT_ERRORS['PAYMENT_BATCH.NOT_FOUND']();
    const b = rows[0];
    if (b.status !== 'approved') throw PAYMENT_ERRORS['PAYMENT_BATCH.NOT_APPROVED']();
    if (b.rail !== 'bank-file') throw PAYMENT_ERRORS['PAYMENT_BATCH.NOT_BANK_FILE']({ rail: b.rail });
    return b;
  }
}

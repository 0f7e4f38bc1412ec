import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, shanghaiDay, SqlRow, Tx } from '@portal/platform';
import { applicationTitleJoin, callPaymentDualControl } from '@portal/applications';
import { awardStatusSql } from '@portal/awards';
import { organizationExcludedSql, organizationPayeeJoin, userNameJoin } from '@portal/identity';
import { InstalmentFacts, InstalmentMachine } from '../instalments/instalment-mover';
import { PaymentSettlement } from '../sending/settlement';
import { formatBankFile, parseReturnFile, ReturnLine, ReturnProblem } from './bank-file';
import { PAYMENT_ERRORS } from '../errors';
import { assertMayApprove } from '../approval/approver';

export interface BankReturnResult {
  paid: number;
  failed: number;
  ignored: ReturnProblem[];
  /** Lines marked failed that wait for a second finance user, held in the proposal `proposalId`. */
  pendingFailed: number;
  proposalId: string | null;
}

/** A line of a bank return proposal, with what the instalment is now (the page shows who is paid how much). */
export interface BankReturnProposalLine extends ReturnLine {
  amountFen: number | null;
  organizationName: string | null;
  /** The instalment's status now (`sending` while the proposal waits). */
  instalmentStatus: string | null;
}

/** The failed lines of an imported return, waiting for (or applied by) a second finance user. */
export interface BankReturnProposalView {
  id: string;
  batchId: string;
  status: 'proposed' | 'applied';
  proposedBy: string;
  proposedByName: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  lines: BankReturnProposalLine[];
  /** What the approval did (applied proposals). */
  result: BankReturnResult | null;
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
    return inTransaction(this.ds, async (tx) => {
      const now = await this.clock.current(tx.manager); // excluded by the day of this moment
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

  /**
   * The bank's return file: each line marks one `sending` instalment of this batch paid or failed. Paid lines are
   * recorded at once (the bank confirms money that left). Lines marked failed make the instalment retryable, i.e.
   * payable again: on a call with `paymentDualControl` they wait in a proposal until a second finance user approves
   * them (`approveReturn`); without it (API.md's flow) they are recorded at once too.
   */
  async importReturn(user: AuthUser, batchId: string, text: string): Promise<BankReturnResult> {
    const { lines, problems } = parseReturnFile(text);
    if (!lines.length && problems.length)
      throw PAYMENT_ERRORS['BANK_RETURN.UNREADABLE']({
        details: problems.map((p) => ({ path: `line ${p.line}`, message: p.message })),
      });
    return inTransaction(this.ds, async (tx) => {
      const b = await this.batch(tx, batchId);
      const dualControl = await callPaymentDualControl(tx.manager, b.call_id);
      const ignored = [...problems];
      let paid = 0;
      let failed = 0;
      const held: ReturnLine[] = [];
      for (const l of lines) {
        const row = await this.sendingLine(tx, batchId, l, ignored);
        if (!row) continue;
        if (l.status === 'failed' && dualControl) {
          held.push(l);
          continue;
        }
        const detail = { via: 'bank-return', line: l.line, reference: l.reference, reason: l.reason };
        if (
          l.status === 'paid' &&
          (await this.settlement.paid(tx, facts(row), l.reference, 'finance', user.id, detail))
        )
          paid++;
        if (
          l.status === 'failed' &&
          (await this.settlement.failed(tx, facts(row), l.reason ?? 'returned by the bank', 'finance', user.id, detail))
        )
          failed++;
      }
      let proposalId: string | null = null;
      if (held.length) {
        const [p] = await tx.manager.query(
          `INSERT INTO bank_return_proposal (batch_id, lines, proposed_by, proposed_at) VALUES ($1, $2, $3, $4) RETURNING id`,
          [batchId, JSON.stringify(held), user.id, this.clock.now()],
        );
        proposalId = p.id;
      }
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'payment-batch.bank-return',
        entityType: 'payment_batch',
        entityId: batchId,
        data: { paid, failed, pendingFailed: held.length, proposalId, ignored: ignored.length },
      });
      return {
        paid,
        failed,
        ignored: ignored.sort((a, b) => a.line - b.line),
        pendingFailed: held.length,
        proposalId,
      };
    });
  }

  /**
   * The checker applies the failed lines of a return another finance user imported (not an admin, not of a paid
   * organization): each instalment still `sending` in this batch becomes `failed` (mailed, then retryable).
   */
  async approveReturn(user: AuthUser, batchId: string, proposalId: string): Promise<BankReturnResult> {
    return inTransaction(this.ds, async (tx) => {
      await this.batch(tx, batchId);
      const rows: SqlRow[] = await tx.manager.query(
        `SELECT * FROM bank_return_proposal WHERE id = $1 AND batch_id = $2 FOR UPDATE`,
        [proposalId, batchId],
      );
      if (!rows.length) throw PAYMENT_ERRORS['BANK_RETURN.NOT_FOUND']();
      const p = rows[0];
      if (p.proposed_by === user.id) throw PAYMENT_ERRORS['BANK_RETURN.SAME_PERSON']();
      if (p.status !== 'proposed') throw PAYMENT_ERRORS['BANK_RETURN.NOT_PROPOSED']();
      const lines: ReturnLine[] = p.lines;
      const orgs: { organization_id: string }[] = await tx.manager.query(
        `SELECT DISTINCT organization_id FROM instalment WHERE id = ANY($1::uuid[])`,
        [lines.map((l) => l.instalmentId)],
      );
      assertMayApprove(
        user,
        p.proposed_by,
        orgs.map((o) => o.organization_id),
        () => PAYMENT_ERRORS['BANK_RETURN.SAME_PERSON'](),
      );
      const ignored: ReturnProblem[] = [];
      let failed = 0;
      for (const l of lines) {
        const row = await this.sendingLine(tx, batchId, l, ignored);
        if (!row) continue;
        const detail = {
          via: 'bank-return',
          line: l.line,
          reference: l.reference,
          reason: l.reason,
          proposalId,
          proposedBy: p.proposed_by,
        };
        if (
          await this.settlement.failed(tx, facts(row), l.reason ?? 'returned by the bank', 'finance', user.id, detail)
        )
          failed++;
      }
      const result = {
        paid: 0,
        failed,
        ignored: ignored.sort((a, b) => a.line - b.line),
        pendingFailed: 0,
        proposalId,
      };
      await tx.manager.query(
        `UPDATE bank_return_proposal SET status = 'applied', decided_by = $2, decided_at = $3, result = $4 WHERE id = $1`,
        [proposalId, user.id, this.clock.now(), JSON.stringify(result)],
      );
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'payment-batch.bank-return-approved',
        entityType: 'payment_batch',
        entityId: batchId,
        data: { proposalId, proposedBy: p.proposed_by, failed, ignored: ignored.length },
      });
      return result;
    });
  }

  /** The batch's bank return proposals, newest first: what waits for a second finance user, and what was applied. */
  async proposals(batchId: string): Promise<BankReturnProposalView[]> {
    const m = this.ds.manager;
    const batch = await m.query(`SELECT id FROM payment_batch WHERE id = $1`, [batchId]);
    if (!batch.length) throw PAYMENT_ERRORS['PAYMENT_BATCH.NOT_FOUND']();
    const rows: SqlRow[] = await m.query(
      `SELECT r.*, pu.name AS proposed_by_name, du.name AS decided_by_name
         FROM bank_return_proposal r ${userNameJoin('pu', 'r.proposed_by')} ${userNameJoin('du', 'r.decided_by', true)}
        WHERE r.batch_id = $1 ORDER BY r.proposed_at DESC, r.id`,
      [batchId],
    );
    const ids = [...new Set(rows.flatMap((r) => (r.lines as ReturnLine[]).map((l) => l.instalmentId)))];
    const facts: SqlRow[] = ids.length
      ? await m.query(
          `SELECT i.id, i.status, i.amount_fen, o.organization_name
             FROM instalment i ${organizationPayeeJoin('o', 'i.organization_id')} WHERE i.id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    const byId = new Map(facts.map((f) => [f.id as string, f]));
    return rows.map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      status: r.status,
      proposedBy: r.proposed_by,
      proposedByName: r.proposed_by_name,
      proposedAt: new Date(r.proposed_at).toISOString(),
      decidedBy: r.decided_by ?? null,
      decidedByName: r.decided_by_name ?? null,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      lines: (r.lines as ReturnLine[]).map((l) => {
        const f = byId.get(l.instalmentId);
        return {
          ...l,
          amountFen: f ? Number(f.amount_fen) : null,
          organizationName: f?.organization_name ?? null,
          instalmentStatus: f?.status ?? null,
        };
      }),
      result: r.result ?? null,
    }));
  }

  /** The instalment of a return line if it is `sending` in this batch; otherwise why not, in `ignored`. */
  private async sendingLine(tx: Tx, batchId: string, l: ReturnLine, ignored: ReturnProblem[]): Promise<SqlRow | null> {
    const rows: SqlRow[] = await tx.manager.query(`${FACTS_SQL} WHERE i.id = $1 AND i.batch_id = $2`, [
      l.instalmentId,
      batchId,
    ]);
    if (!rows.length) {
      ignored.push({ line: l.line, message: 'not an instalment of this batch' });
      return null;
    }
    if (rows[0].status !== 'sending') {
      ignored.push({ line: l.line, message: `the instalment is ${rows[0].status}, not sending` });
      return null;
    }
    return rows[0];
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

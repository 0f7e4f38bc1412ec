import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  inTransaction,
  page,
  Page,
  PortalConfig,
  shanghaiDay,
  SqlRow,
} from '@portal/platform';
import { callExists, callsRelation } from '@portal/applications';
import { awardStatusSql } from '@portal/awards';
import { organizationExcludedSql, userNameJoin } from '@portal/identity';
import { InstalmentMachine } from '../instalments/instalment-mover';
import { SKIP_REASONS, SkipReason } from '../sending/exclusion';
import { BatchListQuery, PrepareBatchDto } from './batch.dto';
import { batchView, BatchView } from './batch.view';
import { PAYMENT_ERRORS } from '../errors';
import { assertMayApprove } from '../approval/approver';
import { APPLICATION_ERRORS } from '@portal/applications';

export interface PreparedBatch {
  id: string;
  status: 'prepared';
  callId: string;
  instalmentNo: number;
  count: number;
  totalFen: number;
  skipped: { instalmentId: string; reason: SkipReason; detail: { zh: string; en: string } }[];
}

/** Payment batches: one finance user prepares the due instalments, another approves them (maker–checker). */
/** A batch with the names of the finance staff who prepared and approved it (the pages show names, not ids). */
const BATCH_SELECT = `SELECT b.*, pu.name AS prepared_by_name, au.name AS approved_by_name, c.payment_dual_control,
                             (SELECT count(*) FROM bank_return_proposal r WHERE r.batch_id = b.id AND r.status = 'proposed')::int
                               AS pending_return_proposals
                        FROM payment_batch b JOIN ${callsRelation('c')} ON c.id = b.call_id
                             ${userNameJoin('pu', 'b.prepared_by')} ${userNameJoin('au', 'b.approved_by', true)}`;

@Injectable()
export class BatchesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly config: PortalConfig,
    private readonly machine: InstalmentMachine,
  ) {}

  /** The due instalments of the call and number; excluded organizations and revoked awards are left out with a reason. */
  async prepare(user: AuthUser, dto: PrepareBatchDto): Promise<PreparedBatch> {
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const now = await this.clock.current(m); // due and excluded by the day of this moment (the staging clock's source)
      const today = shanghaiDay(now);
      if (!(await callExists(m, dto.callId))) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      const due: { id: string; amount_fen: string; award_status: string; excluded: boolean }[] = await m.query(
        `SELECT i.id, i.amount_fen, ${awardStatusSql('i.award_id')} AS award_status, ${organizationExcludedSql('i.organization_id', '$3')} AS excluded
           FROM instalment i
          WHERE i.call_id = $1 AND i.instalment_no = $2 AND i.status = 'planned' AND i.due_on IS NOT NULL AND i.due_on <= $3::date
          ORDER BY i.id FOR UPDATE`,
        [dto.callId, dto.instalmentNo, today],
      );
      const skipped: PreparedBatch['skipped'] = [];
      const included: typeof due = [];
      for (const d of due) {
        const reason: SkipReason | null = d.award_status === 'revoked' ? 'revoked' : d.excluded ? 'excluded' : null;
        if (reason) skipped.push({ instalmentId: d.id, reason, detail: SKIP_REASONS[reason] });
        else included.push(d);
      }
      if (!included.length) {
        throw PAYMENT_ERRORS['PAYMENT_BATCH.NOTHING_DUE'](
          { instalmentNo: dto.instalmentNo },
          { details: skipped.map((s) => ({ path: s.instalmentId, message: s.reason })) },
        );
      }
      const totalFen = included.reduce((s, d) => s + Number(d.amount_fen), 0);
      const [batch] = await m.query(
        `INSERT INTO payment_batch (call_id, instalment_no, prepared_by, count, total_fen, skipped, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          dto.callId,
          dto.instalmentNo,
          user.id,
          included.length,
          totalFen,
          JSON.stringify(skipped.map(({ instalmentId, reason }) => ({ instalmentId, reason }))),
          now,
        ],
      );
      await this.machine.move(tx, {
        items: included.map((d) => ({ id: d.id })),
        to: 'batched',
        from: ['planned'],
        actor: 'finance',
        actorId: user.id,
        at: now,
        batchId: batch.id,
      });
      await this.audit.record(m, {
        actorId: user.id,
        action: 'payment-batch.prepared',
        entityType: 'payment_batch',
        entityId: batch.id,
        data: {
          callId: dto.callId,
          instalmentNo: dto.instalmentNo,
          count: included.length,
          totalFen,
          skipped: skipped.length,
        },
      });
      return {
        id: batch.id,
        status: 'prepared',
        callId: dto.callId,
        instalmentNo: dto.instalmentNo,
        count: included.length,
        totalFen,
        skipped,
      };
    });
  }

  /** The second person approves: the instalments are queued for sending (outbox rows in this transaction). */
  async approve(user: AuthUser, id: string): Promise<BatchView> {
    const now = this.clock.now();
    const rail = this.config.PAYMENT_RAIL;
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const rows = await m.query(`SELECT * FROM payment_batch WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows.length) throw PAYMENT_ERRORS['PAYMENT_BATCH.NOT_FOUND']();
      const b = rows[0];
      if (b.prepared_by === user.id) throw PAYMENT_ERRORS['PAYMENT_BATCH.SAME_PERSON']();
      if (b.status !== 'prepared') throw PAYMENT_ERRORS['PAYMENT_BATCH.NOT_PREPARED']();
      const batched: { id: string; organization_id: string }[] = await m.query(
        `SELECT id, organization_id FROM instalment WHERE batch_id = $1 AND status = 'batched'`,
        [id],
      );
      // maker–checker: another person, not an admin, paid by none of the batch's organizations
      assertMayApprove(
        user,
        b.prepared_by,
        batched.map((r) => r.organization_id),
        () => PAYMENT_ERRORS['PAYMENT_BATCH.SAME_PERSON'](),
      );
      const ids = batched.map((r) => ({ id: r.id }));
      const moved = await this.machine.move(tx, {
        items: ids,
        to: 'approved',
        from: ['batched'],
        actor: 'finance',
        actorId: user.id,
        at: now,
        detail: { batchId: id, rail },
        outbox: rail !== 'bank-file',
      });
      await m.query(
        `UPDATE payment_batch SET status = 'approved', approved_by = $2, approved_at = $3, rail = $4 WHERE id = $1`,
        [id, user.id, now, rail],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'payment-batch.approved',
        entityType: 'payment_batch',
        entityId: id,
        data: { count: moved.length, rail },
      });
    });
    return this.get(id);
  }

  async get(id: string, m: EntityManager = this.ds.manager): Promise<BatchView> {
    const rows = await m.query(`${BATCH_SELECT} WHERE b.id = $1`, [id]);
    if (!rows.length) throw PAYMENT_ERRORS['PAYMENT_BATCH.NOT_FOUND']();
    const by = await m.query(
      `SELECT status, count(*) AS count, COALESCE(sum(amount_fen), 0) AS total FROM instalment WHERE batch_id = $1 GROUP BY status`,
      [id],
    );
    return batchView(rows[0], by);
  }

  async list(q: BatchListQuery): Promise<Page<BatchView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.callId) where.push(`b.call_id = $${params.push(q.callId)}`);
    if (q.status) where.push(`b.status = $${params.push(q.status)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM payment_batch b ${w}`, params);
    const rows = await this.ds.query(
      `${BATCH_SELECT} ${w} ORDER BY b.created_at DESC, b.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const ids = rows.map((r: SqlRow) => r.id);
    const by: { batch_id: string; status: string; count: string; total: string }[] = ids.length
      ? await this.ds.query(
          `SELECT batch_id, status, count(*) AS count, COALESCE(sum(amount_fen), 0) AS total
             FROM instalment WHERE batch_id = ANY($1::uuid[]) GROUP BY batch_id, status`,
          [ids],
        )
      : [];
    return page(
      rows.map((r: SqlRow) =>
        batchView(
          r,
          by.filter((b) => b.batch_id === r.id),
        ),
      ),
      total,
      q,
    );
  }
}

import { DataSource, EntityManager } from 'typeorm';
import { Page, PageQuery } from '../http/paging';
import { SqlRow } from '../database/sql-parts';
import { verifyAuditChain, VerifyResult } from './audit.service';

/** What the admins' audit log filters on; every field optional. */
export interface AuditLogFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** an action (`user.disabled`) or the start of one (`user.`) */
  action?: string;
  /** instants, from ≤ at < to */
  from?: Date;
  to?: Date;
}

export interface AuditEventView {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
  hash: string;
}

/** A page of the chain, newest first (the reader of audit_event for the admins' log). */
export async function listAuditEvents(
  ds: DataSource | EntityManager,
  f: AuditLogFilter,
  q: PageQuery,
): Promise<Page<AuditEventView>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.actorId) add('actor_id = ?', f.actorId);
  if (f.entityType) add('entity_type = ?', f.entityType);
  if (f.entityId) add('entity_id = ?', f.entityId);
  if (f.action) add(f.action.endsWith('.') ? 'starts_with(action, ?)' : 'action = ?', f.action);
  if (f.from) add('at >= ?', f.from.toISOString());
  if (f.to) add('at < ?', f.to.toISOString());
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [rows, count] = await Promise.all([
    ds.query(
      `SELECT seq, at, actor_id, action, entity_type, entity_id, data, hash FROM audit_event ${cond}
        ORDER BY seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    ds.query(`SELECT count(*)::int AS n FROM audit_event ${cond}`, params),
  ]);
  return {
    items: rows.map((r: SqlRow) => ({
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      data: r.data ?? {},
      hash: r.hash,
    })),
    total: count[0].n,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export interface ChainCheck extends VerifyResult {
  /** the first event checked */
  fromSeq: number;
  /** false when the cap stopped the walk before the end: continue with `nextSeq` */
  complete: boolean;
  nextSeq: number | null;
  /** the chain's head (last seq) when the check ran */
  headSeq: number;
  tookMs: number;
}

/** At most this many events in one check (about 2.5 s: 200,000 took 10 s here); the page continues from `nextSeq`. */
export const CHAIN_CHECK_CAP = 50_000;

/**
 * Verifies a stretch of the chain: from `fromSeq` (1 = the genesis) at most `max` events, each against its
 * predecessor. A stretch that starts later trusts the stored hash of event fromSeq − 1 (checked by the run before).
 * When the walk reaches the end it also compares the last event with the head row, so a cut-off tail is seen.
 */
export async function checkAuditChain(
  ds: DataSource | EntityManager,
  fromSeq = 1,
  max = CHAIN_CHECK_CAP,
): Promise<ChainCheck> {
  const started = Date.now();
  const [head] = await ds.query(`SELECT seq, hash FROM audit_head WHERE id = 1`);
  const headSeq = Number(head?.seq ?? 0);
  let prevHash: string | undefined;
  if (fromSeq > 1) {
    const [prev] = await ds.query(`SELECT hash FROM audit_event WHERE seq = $1`, [fromSeq - 1]);
    if (!prev)
      return {
        ok: false,
        checked: 0,
        brokenAt: fromSeq - 1,
        reason: `event ${fromSeq - 1} is missing`,
        fromSeq,
        complete: true,
        nextSeq: null,
        headSeq,
        tookMs: Date.now() - started,
      };
    prevHash = prev.hash;
  }
  const r = await verifyAuditChain(ds, 5000, { fromSeq, prevHash, max });
  const last = fromSeq + r.checked - 1;
  const complete = !r.ok || last >= headSeq || r.checked < max;
  let out: VerifyResult = r;
  if (r.ok && complete && head && last === headSeq && headSeq > 0) {
    const [ev] = await ds.query(`SELECT hash FROM audit_event WHERE seq = $1`, [headSeq]);
    if (ev?.hash !== head.hash)
      out = { ok: false, checked: r.checked, brokenAt: headSeq, reason: `event ${headSeq} is not the head's hash` };
  } else if (r.ok && complete && last < headSeq) {
    out = { ok: false, checked: r.checked, brokenAt: last + 1, reason: `event ${last + 1} is missing` };
  }
  return {
    ...out,
    fromSeq,
    complete,
    nextSeq: complete ? null : last + 1,
    headSeq,
    tookMs: Date.now() - started,
  };
}

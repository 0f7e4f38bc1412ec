import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { runParts, SqlPart, SqlRow } from '../database/sql-parts';
import { auditHash, auditTextBeforeSeq, canonicalJson, GENESIS_HASH } from './chain';

export interface AuditInput {
  actorId: string | null;
  action: string; // e.g. 'organization.registered', 'application.submitted'
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * The chain's head is the single row of `audit_head` (last seq and hash). Appending updates it and inserts the event
 * in one statement: the row lock serialises writers until COMMIT, and an UPDATE that waited for the lock works on the
 * newest committed head, so each event carries the hash of the one before it. Postgres finishes the sha256 because
 * only it knows the sequence number at that moment; the text hashed is exactly `auditHash`'s (see chain.ts).
 */
@Injectable()
export class AuditService {
  constructor(private readonly clock: ClockService) {}

  /** Appends one event in the caller's transaction (pass the transaction's manager). */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    assertInTransaction(manager);
    await runParts(manager, this.parts(input), 'SELECT 1');
  }

  /**
   * The same append as parts (`audit_rows`, `audit_head_next`, `audit_append`) of a caller's own statement, which must
   * run in the transaction of the change it records or be that change's single autocommit statement.
   */
  parts(input: AuditInput): SqlPart[] {
    const e = this.event(input);
    return [
      {
        name: 'audit_rows',
        sql: `SELECT 1 AS i, $1::text AS text, $2::timestamptz AS at, $3::uuid AS actor_id, $4::text AS action, $5::text AS entity_type,
                     $6::text AS entity_id, $7::jsonb AS data`,
        params: [e.text, e.at, e.actorId, e.action, e.entityType, e.entityId, e.data],
      },
      ...this.chainParts('audit_rows'),
    ];
  }

  /**
   * An event as the columns of a row of `chainParts`: its time, its data as it will be hashed (dates become strings,
   * undefined dropped; JSON text) and `text`, its canonical text up to the sequence number (see chain.ts).
   */
  event(input: AuditInput) {
    const data = JSON.parse(canonicalJson(input.data ?? {}));
    const fields = {
      at: new Date(this.clock.now().getTime()).toISOString(),
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      data,
    };
    return { ...fields, data: JSON.stringify(data), text: auditTextBeforeSeq(fields) };
  }

  /**
   * Events computed inside the caller's statement, one per row of `o.from` (a FROM clause over the caller's parts,
   * filtered by `o.where`), as the part `name` whose rows `chainParts(name)` appends. `action` and `entityId` are SQL
   * text expressions, `data` an SQL jsonb expression of a flat object — string, integer, boolean or null values, hashed
   * exactly as canonicalJson hashes them — and `order` orders the events in the chain. Placeholders in these
   * expressions count from $1 within `params`. The actor and the time (the portal clock) are the same for every event.
   */
  rowEventsPart(
    name: string,
    o: {
      from: string;
      where?: string;
      action: string;
      entityType: string;
      entityId: string;
      data: string;
      order: string;
      actorId: string | null;
      params?: unknown[];
    },
  ): SqlPart {
    const at = new Date(this.clock.now().getTime()).toISOString();
    // the canonical text with a marker in place of each value Postgres computes, cut into the fixed pieces between them
    const mark = { action: '\u0001action', data: '\u0001data', entityId: '\u0001entityId' } as const;
    const text = auditTextBeforeSeq({ at, actorId: o.actorId, entityType: o.entityType, ...mark });
    const order = (Object.keys(mark) as (keyof typeof mark)[])
      .map((k) => ({ k, at: text.indexOf(JSON.stringify(mark[k])) }))
      .sort((a, b) => a.at - b.at);
    if (order.some((x) => x.at < 0)) throw new Error('the audit text has no place for a computed value');
    const pieces: string[] = [];
    let from = 0;
    for (const x of order) {
      pieces.push(text.slice(from, x.at));
      from = x.at + JSON.stringify(mark[x.k]).length;
    }
    pieces.push(text.slice(from));
    const value: Record<keyof typeof mark, string> = {
      action: `to_json(x.action)::text`,
      data: `(SELECT '{' || coalesce(string_agg(to_json(kv.k)::text || ':' || kv.v::text, ',' ORDER BY kv.k COLLATE "C"), '') || '}'
                FROM jsonb_each(x.data) AS kv(k, v))`,
      entityId: `coalesce(to_json(x.entity_id)::text, 'null')`,
    };
    const sqlText = ['$1::text', ...order.flatMap((x, n) => [value[x.k], `$${n + 2}::text`])].join(' || ');
    const fixed = [...pieces, at, o.actorId, o.entityType];
    const base = fixed.length;
    const shifted = (sql: string) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + base}`);
    return {
      name,
      sql: `SELECT row_number() OVER (ORDER BY x.ord) AS i, ${sqlText} AS text, $${base - 2}::timestamptz AS at,
                   $${base - 1}::uuid AS actor_id, x.action, $${base}::text AS entity_type, x.entity_id, x.data
              FROM (SELECT (${shifted(o.action)})::text AS action, (${shifted(o.entityId)})::text AS entity_id,
                           (${shifted(o.data)})::jsonb AS data, ${shifted(o.order)} AS ord
                      FROM ${shifted(o.from)}${o.where ? ` WHERE ${shifted(o.where)}` : ''}) x`,
      params: [...fixed, ...(o.params ?? [])],
    };
  }

  /**
   * Appends the rows of the part named `rows` — columns i (1…k, the order in the chain), text, at, actor_id, action,
   * entity_type, entity_id, data — as k consecutive events: the head moves by k in one UPDATE (its row lock
   * serialises writers until COMMIT, and an UPDATE that waited works on the newest committed head) and Postgres
   * chains the hashes with `audit_chain`, because only it knows the sequence numbers at that moment. The parts are
   * named `<prefix>_head_next` and `<prefix>_append` (one chain per statement: give a second one its own prefix).
   */
  chainParts(rows: string, prefix = 'audit'): SqlPart[] {
    return [
      {
        name: `${prefix}_head_next`,
        sql: `UPDATE audit_head
                 SET seq = audit_head.seq + t.k, prev_hash = audit_head.hash, hash = (audit_chain(audit_head.hash, audit_head.seq, t.texts))[t.k]
                FROM (SELECT count(*)::int AS k, array_agg(r.text ORDER BY r.i) AS texts FROM ${rows} r) t
               WHERE audit_head.id = 1 AND t.k > 0
           RETURNING audit_head.seq - t.k AS seq0, audit_head.prev_hash AS prev, t.texts`,
        params: [],
      },
      {
        name: `${prefix}_append`,
        sql: `INSERT INTO audit_event (seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
              SELECT h.seq0 + r.i, r.at, r.actor_id, r.action, r.entity_type, r.entity_id, r.data, coalesce(c.hashes[r.i - 1], h.prev), c.hashes[r.i]
                FROM ${prefix}_head_next h CROSS JOIN LATERAL (SELECT audit_chain(h.prev, h.seq0, h.texts) AS hashes) c CROSS JOIN ${rows} r`,
        params: [],
      },
    ];
  }
}

function assertInTransaction(manager: EntityManager) {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('AuditService.record must run inside the transaction of the change it records');
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: number;
  reason?: string;
}

/** Walks the chain in order (the whole of it, or `range.max` events from `range.fromSeq`) and reports the first broken link. */
export async function verifyAuditChain(
  ds: DataSource | EntityManager,
  batch = 5000,
  range: { fromSeq?: number; prevHash?: string; max?: number } = {},
): Promise<VerifyResult> {
  let prev = range.prevHash ?? GENESIS_HASH;
  let expectedSeq = range.fromSeq ?? 1;
  let checked = 0;
  const max = range.max ?? Infinity;
  for (;;) {
    if (checked >= max) return { ok: true, checked };
    const rows: SqlRow[] = await ds.query(
      `SELECT seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
         FROM audit_event WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, Math.min(batch, max - checked)],
    );
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq)
        return { ok: false, checked, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing` };
      if (r.prev_hash !== prev)
        return {
          ok: false,
          checked,
          brokenAt: seq,
          reason: `event ${seq} does not point at the hash of event ${seq - 1}`,
        };
      const hash = auditHash(prev, {
        seq,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        data: r.data,
      });
      if (hash !== r.hash)
        return {
          ok: false,
          checked,
          brokenAt: seq,
          reason: `event ${seq} was altered (its content does not match its hash)`,
        };
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
  }
}

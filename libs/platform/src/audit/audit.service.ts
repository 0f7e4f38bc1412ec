import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { runParts, SqlPart, StatementFill } from '../database/sql-parts';
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
   * The same append as two parts (`audit_head_next`, `audit_append`) of a caller's own statement, which must run in
   * the transaction of the change it records or be that change's single autocommit statement. With `fill`, the event
   * is written only with a row of `fill.after`, and `fill.token` in `input.data` becomes the value (which must be
   * JSON-safe, like the token).
   */
  parts(input: AuditInput, fill?: StatementFill): SqlPart[] {
    // Store data exactly as it will be hashed (dates become strings, undefined dropped).
    const data = JSON.parse(canonicalJson(input.data ?? {}));
    const fields = {
      at: new Date(this.clock.now().getTime()).toISOString(),
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      data,
    };
    const text = fill ? 'replace($1, $2, ' + fill.expr + ')' : '$1';
    return [
      {
        name: 'audit_head_next',
        sql: `UPDATE audit_head
                 SET seq = audit_head.seq + 1, prev_hash = audit_head.hash,
                     hash = encode(sha256(convert_to(audit_head.hash || E'\\n' || ${text} || (audit_head.seq + 1)::text || '}', 'UTF8')), 'hex')
                ${fill ? `FROM ${fill.after}` : ''}
               WHERE audit_head.id = 1
           RETURNING audit_head.seq, audit_head.prev_hash, audit_head.hash${fill ? `, ${fill.expr} AS fill` : ''}`,
        params: fill ? [auditTextBeforeSeq(fields), fill.token] : [auditTextBeforeSeq(fields)],
      },
      {
        name: 'audit_append',
        sql: `INSERT INTO audit_event (seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
              SELECT h.seq, $1, $2, $3, $4, $5, ${fill ? 'replace($6, $7, h.fill)::jsonb' : '$6'}, h.prev_hash, h.hash FROM audit_head_next h`,
        params: [fields.at, fields.actorId, fields.action, fields.entityType, fields.entityId, JSON.stringify(data), ...(fill ? [fill.token] : [])],
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

/** Walks the whole chain in order and reports the first broken link. */
export async function verifyAuditChain(ds: DataSource | EntityManager, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows: any[] = await ds.query(
      `SELECT seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
         FROM audit_event WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, batch],
    );
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing` };
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: seq, reason: `event ${seq} does not point at the hash of event ${seq - 1}` };
      const hash = auditHash(prev, {
        seq,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        data: r.data,
      });
      if (hash !== r.hash) return { ok: false, checked, brokenAt: seq, reason: `event ${seq} was altered (its content does not match its hash)` };
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
  }
}

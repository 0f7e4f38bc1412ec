import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { auditHash, canonicalJson, GENESIS_HASH } from './chain';

export interface AuditInput {
  actorId: string | null;
  action: string; // e.g. 'organization.registered', 'application.submitted'
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/** One advisory lock serialises the chain: each event carries the hash of the one before it. */
const CHAIN_LOCK = 7_261_001;

@Injectable()
export class AuditService {
  constructor(private readonly clock: ClockService) {}

  /** Appends one event in the caller's transaction (pass the transaction's manager). */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the change it records');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const last: { seq: string; hash: string }[] = await manager.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    const seq = last.length ? Number(last[0].seq) + 1 : 1;
    const prevHash = last.length ? last[0].hash : GENESIS_HASH;
    // Store data exactly as it will be hashed (dates become strings, undefined dropped).
    const data = JSON.parse(canonicalJson(input.data ?? {}));
    const fields = {
      seq,
      at: new Date(this.clock.now().getTime()).toISOString(),
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      data,
    };
    const hash = auditHash(prevHash, fields);
    await manager.query(
      `INSERT INTO audit_event (seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [seq, fields.at, fields.actorId, fields.action, fields.entityType, fields.entityId, JSON.stringify(data), prevHash, hash],
    );
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

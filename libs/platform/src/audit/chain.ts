import { createHash } from 'crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so a jsonb round trip hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export interface AuditFields {
  seq: number;
  at: string; // ISO instant, millisecond precision
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
}

export function auditHash(prevHash: string, e: AuditFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        seq: e.seq,
        at: e.at,
        actorId: e.actorId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        data: e.data,
      }),
    )
    .digest('hex');
}

/**
 * The hashed text of an event up to its sequence number: `auditHash(prev, e)` is sha256 of
 * `prev + "\n" + auditTextBeforeSeq(e) + e.seq + "}"`. "seq" sorts after every other key, so it is the last member
 * of the canonical object; this lets Postgres finish the hash once it knows the number (see AuditService).
 */
export function auditTextBeforeSeq(e: Omit<AuditFields, 'seq'>): string {
  const text = canonicalJson({
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
  });
  return `${text.slice(0, -1)},"seq":`;
}

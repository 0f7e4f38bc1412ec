import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_chain(prev, seq0, texts)`: the hashes of consecutive audit events, each chained to the one before —
 * element i is sha256 of `<hash i-1> "\n" <texts[i]> <seq0 + i> "}"`, where texts[i] is the event's canonical text up
 * to its sequence number (see chain.ts `auditTextBeforeSeq`) and hash 0 is `prev`. With it one statement appends any
 * number of events (a batch of submits) to the chain's head; one event is the case of a single text.
 * `audit_head.prev_hash` is from now on the head's hash before the last append, whatever its size.
 */
export class AuditChainFunction1763900600000 implements MigrationInterface {
  name = 'AuditChainFunction1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION audit_chain(prev text, seq0 bigint, texts text[]) RETURNS text[]
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        hashes text[] := '{}';
        h text := prev;
      BEGIN
        FOR i IN 1 .. coalesce(array_length(texts, 1), 0) LOOP
          h := encode(sha256(convert_to(h || E'\\n' || texts[i] || (seq0 + i)::text || '}', 'UTF8')), 'hex');
          hashes := hashes || h;
        END LOOP;
        RETURN hashes;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_chain(text, bigint, text[])`);
  }
}

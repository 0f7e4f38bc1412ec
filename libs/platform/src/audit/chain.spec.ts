import { createHash } from 'crypto';
import { auditHash, auditTextBeforeSeq, canonicalJson, GENESIS_HASH } from './chain';

describe('audit chain hashing', () => {
  it('is independent of key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('changes when any field or the previous hash changes', () => {
    const e = {
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      actorId: null,
      action: 'x',
      entityType: 't',
      entityId: '1',
      data: { a: 1 },
    };
    const h = auditHash(GENESIS_HASH, e);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...e, data: { a: 2 } })).not.toBe(h);
    expect(auditHash(GENESIS_HASH, { ...e, seq: 2 })).not.toBe(h);
    expect(auditHash('1'.repeat(64), e)).not.toBe(h);
    expect(auditHash(GENESIS_HASH, { ...e })).toBe(h);
  });

  it('can be finished from the text before the sequence number (what Postgres completes)', () => {
    const e = {
      seq: 123456,
      at: '2026-01-01T00:00:00.000Z',
      actorId: 'u1',
      action: 'application.submitted',
      entityType: 'application',
      entityId: 'a1',
      data: { zeta: 'z', from: 'draft', 中文: '申报' },
    };
    const { seq, ...rest } = e;
    const finished = createHash('sha256')
      .update(`${'1'.repeat(64)}\n${auditTextBeforeSeq(rest)}${seq}}`)
      .digest('hex');
    expect(finished).toBe(auditHash('1'.repeat(64), e));
  });
});

import { bodyFaultError, inspectBody, MAX_BODY_DEPTH } from './body-guard';

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

describe('inspectBody', () => {
  it('passes an ordinary program payload', () => {
    const body = {
      title: '星火动画',
      payload: { income: { totalFen: 100 }, ipRights: [{ kind: 'copyright', grantedOn: '2025-01-01' }], score: 7.5 },
    };
    expect(inspectBody(body)).toBeNull();
  });

  it('names the first string holding a NUL, in the validator’s path style', () => {
    expect(inspectBody({ organization: { name: 'a\u0000b' } })).toEqual({
      kind: 'character',
      path: 'organization.name',
      what: 'NUL (U+0000)',
    });
    expect(inspectBody({ costs: [{ item: 'ok' }, { item: '\u0000' }] })?.path).toBe('costs.1.item');
  });

  it('finds a NUL in a key and a lone surrogate', () => {
    expect(inspectBody({ payload: { 'x\u0000': 1 } })).toMatchObject({ kind: 'character', path: 'payload.x\\u0000' });
    expect(inspectBody({ name: 'a\ud800' })).toMatchObject({ kind: 'character', what: 'a lone surrogate' });
    expect(inspectBody({ name: '\udc00' })).toMatchObject({ kind: 'character' });
    expect(inspectBody({ name: '😀' })).toBeNull(); // a surrogate pair is a character
  });

  it('refuses nesting deeper than the cap, without recursing (100,000 levels)', () => {
    expect(inspectBody({ a: nested(MAX_BODY_DEPTH - 1) })).toBeNull();
    expect(inspectBody({ a: nested(MAX_BODY_DEPTH) })).toMatchObject({ kind: 'depth' });
    expect(inspectBody({ a: nested(100_000) })).toMatchObject({ kind: 'depth' });
  });

  it('refuses a `__proto__` key (an own key after JSON.parse, unseen by the whitelist)', () => {
    expect(inspectBody(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toEqual({ kind: 'key', path: 'a.__proto__' });
    expect(bodyFaultError({ kind: 'key', path: 'a.__proto__' }).code).toBe('VALIDATION.MALFORMED');
  });

  it('refuses numbers beyond ±2^53 − 1 and non-finite ones', () => {
    expect(inspectBody({ n: Number.MAX_SAFE_INTEGER, m: -Number.MAX_SAFE_INTEGER })).toBeNull();
    expect(inspectBody({ n: 2 ** 53 })).toEqual({ kind: 'number', path: 'n' });
    expect(inspectBody({ a: [Infinity] })).toEqual({ kind: 'number', path: 'a.0' });
  });

  it('turns a fault into a 400 whose detail names the field', () => {
    const err = bodyFaultError({ kind: 'character', path: 'user.name', what: 'NUL (U+0000)' });
    expect(err.status).toBe(400);
    expect(err.code).toBe('REQUEST.BAD_CHARACTER');
    expect(err.details[0].path).toBe('user.name');
    expect(bodyFaultError({ kind: 'depth', path: 'x' }).code).toBe('REQUEST.TOO_DEEP');
    expect(bodyFaultError({ kind: 'number', path: 'x' }).code).toBe('REQUEST.NUMBER_OUT_OF_RANGE');
  });
});

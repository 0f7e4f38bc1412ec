import { defineErrors } from './define-errors';
import { DomainError } from './domain-error';

describe('defineErrors', () => {
  const E = defineErrors({
    'DEMO.CLOSED': { kind: 'conflict', zh: '已截止', en: 'closed' },
    'DEMO.QUOTA': {
      kind: 'conflict',
      zh: (p: { quota: number; count: number }) => `名额 ${p.quota}，已有 ${p.count}`,
      en: (p: { quota: number; count: number }) => `quota ${p.quota}, have ${p.count}`,
    },
  });

  it('builds a DomainError with the code, kind, status and both texts', () => {
    const err = E['DEMO.CLOSED']();
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('DEMO.CLOSED');
    expect(err.status).toBe(409);
    expect(err.text).toEqual({ zh: '已截止', en: 'closed' });
    expect(E['DEMO.CLOSED'].code).toBe('DEMO.CLOSED');
  });

  it('fills parametrised texts and carries details and headers', () => {
    const err = E['DEMO.QUOTA'](
      { quota: 2, count: 3 },
      { details: [{ path: 'ids', message: 'too many' }], headers: { 'Retry-After': '5' } },
    );
    expect(err.text).toEqual({ zh: '名额 2，已有 3', en: 'quota 2, have 3' });
    expect(err.details).toEqual([{ path: 'ids', message: 'too many' }]);
    expect(err.headers).toEqual({ 'Retry-After': '5' });
  });

  it('options without parameters are taken as options', () => {
    const err = E['DEMO.CLOSED']({ details: [{ path: 'x', message: 'y' }] });
    expect(err.details).toEqual([{ path: 'x', message: 'y' }]);
  });

  it('is() recognises its own code only', () => {
    expect(E['DEMO.CLOSED'].is(E['DEMO.CLOSED']())).toBe(true);
    expect(E['DEMO.CLOSED'].is(E['DEMO.QUOTA']({ quota: 1, count: 1 }))).toBe(false);
    expect(E['DEMO.CLOSED'].is(new Error('DEMO.CLOSED'))).toBe(false);
  });
});

import { verifyCode, verifyCodeMatches, verifyUrl } from './verify-code';
import { toChineseNumeral } from './dossier-pdf';
import { printValue } from './form-lines';

describe('the 申报书 check code', () => {
  const secret = 'a-test-secret-of-some-length';

  it('is 10 base-32 characters, fixed for a number and secret, different for another number or secret', () => {
    const c = verifyCode(secret, 'JP-2026-000001');
    expect(c).toMatch(/^[A-Z2-7]{10}$/);
    expect(verifyCode(secret, 'JP-2026-000001')).toBe(c);
    expect(verifyCode(secret, 'JP-2026-000002')).not.toBe(c);
    expect(verifyCode(`${secret}!`, 'JP-2026-000001')).not.toBe(c);
  });

  it('matches in any case, with spaces or dashes, and refuses anything else', () => {
    const c = verifyCode(secret, 'JP-2026-000001');
    expect(verifyCodeMatches(secret, 'JP-2026-000001', c)).toBe(true);
    expect(verifyCodeMatches(secret, 'JP-2026-000001', `${c.slice(0, 5).toLowerCase()}-${c.slice(5)}`)).toBe(true);
    expect(verifyCodeMatches(secret, 'JP-2026-000002', c)).toBe(false);
    expect(verifyCodeMatches(secret, 'JP-2026-000001', c.slice(1))).toBe(false);
    expect(verifyCodeMatches(secret, 'JP-2026-000001', undefined)).toBe(false);
    expect(verifyCodeMatches(secret, 'JP-2026-000001', '')).toBe(false);
  });

  it('opens the web page /verify/<number>?c=<code> under the public address', () => {
    expect(verifyUrl('https://portal.example/', 'JP-2026-000001', 'ABCDEFGHIJ')).toBe(
      'https://portal.example/verify/JP-2026-000001?c=ABCDEFGHIJ',
    );
  });
});

describe('printing', () => {
  it('numbers sections in Chinese', () => {
    expect([1, 9, 10, 12, 20, 21].map(toChineseNumeral)).toEqual(['一', '九', '十', '十二', '二十', '二十一']);
  });

  it('prints values by their kind: money in 元, yes/no, option labels, lists', () => {
    expect(printValue(12_345_678, 'money')).toBe('¥123,456.78');
    expect(printValue(true, 'check')).toBe('是');
    expect(printValue(false, undefined)).toBe('否');
    expect(printValue('tv', 'select', [{ value: 'tv', label: { zh: '动画电视', en: 'TV' } }])).toBe('动画电视');
    expect(printValue(['a', 'b'], 'multi', [{ value: 'a', label: { zh: '甲', en: 'A' } }])).toBe('甲、b');
    expect(printValue(null, 'text')).toBe('—');
    expect(printValue('', 'text')).toBe('—');
  });
});

describe('the dossier gate', () => {
  it('runs at most `limit` at once and every one in the end', async () => {
    const { Gate } = await import('./gate');
    const gate = new Gate(2);
    let now = 0;
    let peak = 0;
    const work = (i: number) =>
      gate.run(async () => {
        now++;
        peak = Math.max(peak, now);
        await new Promise((r) => setTimeout(r, 5));
        now--;
        if (i === 3) throw new Error('boom');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(work));
    expect(peak).toBe(2);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(now).toBe(0);
  });
});

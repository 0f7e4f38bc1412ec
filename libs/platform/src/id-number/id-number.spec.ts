import { idNumberCheckCharacter, maskIdNumber, validateIdNumber } from './id-number';

const TODAY = new Date('2026-12-07T00:00:00Z');
/** The standard's example, and numbers built from valid first 17 digits with their computed check character. */
const VALID = ['11010519491231002X', '440308199901011234', '320102200002290027', '650102198012318867'].map((n) =>
  n.endsWith('X') ? n : n.slice(0, 17) + idNumberCheckCharacter(n.slice(0, 17)),
);

describe('居民身份证号码 (GB 11643-1999)', () => {
  it('accepts the standard example and reads its province, birth date and sex', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      number: '11010519491231002X',
      provinceCode: '11',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('computes the check character from the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 mod 11', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    // Σ = 0 → 1, Σ = 1 → 0: the two ends of the mapping 1 0 X 9 8 7 6 5 4 3 2
    expect(idNumberCheckCharacter('00000000000000000')).toBe('1');
    expect(idNumberCheckCharacter('00000001000000000')).toBe('0'); // position 8 weighs 1
  });

  it.each(VALID)('accepts %s', (n) => {
    expect(validateIdNumber(n, TODAY).ok).toBe(true);
  });

  it('takes a final x in lower case as X, and trims spaces around the number', () => {
    const r = validateIdNumber('  11010519491231002x ', TODAY);
    expect(r).toMatchObject({ ok: true, number: '11010519491231002X' });
  });

  it('refuses every single-character change of a valid number', () => {
    const alphabet = '0123456789Xx';
    let tried = 0;
    for (const valid of VALID) {
      for (let i = 0; i < valid.length; i++) {
        for (const ch of alphabet) {
          const mutated = valid.slice(0, i) + ch + valid.slice(i + 1);
          if (mutated.toUpperCase() === valid) continue;
          tried++;
          const r = validateIdNumber(mutated, TODAY);
          if (r.ok) throw new Error(`${mutated} (position ${i + 1} → ${ch}) was accepted`);
        }
      }
    }
    expect(tried).toBeGreaterThan(VALID.length * 17 * 9);
  });

  it('refuses the old 15-digit form with a message saying so', () => {
    const r = validateIdNumber('110105491231002', TODAY);
    expect(r).toMatchObject({ ok: false, fault: 'old-form' });
    if (!r.ok) {
      expect(r.message.zh).toContain('15 位的旧版');
      expect(r.message.en).toContain('old 15-digit');
    }
  });

  it('names the fault: length, a letter inside, an unknown region, an impossible or future birth date, the check', () => {
    expect(validateIdNumber('1101051949123100', TODAY)).toMatchObject({ fault: 'length' });
    expect(validateIdNumber('11010519491231A02X', TODAY)).toMatchObject({ fault: 'charset', position: 15 });
    expect(validateIdNumber('11010519491231002Y', TODAY)).toMatchObject({ fault: 'charset', position: 18 });
    const region = '910105194912310020';
    expect(validateIdNumber(region.slice(0, 17) + idNumberCheckCharacter(region.slice(0, 17)), TODAY)).toMatchObject({
      fault: 'region',
    });
    const feb30 = '11010519490230002';
    expect(validateIdNumber(feb30 + idNumberCheckCharacter(feb30), TODAY)).toMatchObject({ fault: 'birth-date' });
    const future = '11010520270101002';
    expect(validateIdNumber(future + idNumberCheckCharacter(future), TODAY)).toMatchObject({ fault: 'birth-date' });
    expect(validateIdNumber('110105194912310021', TODAY)).toMatchObject({ fault: 'check', position: 18 });
  });

  it('never repeats the number in its messages', () => {
    const r = validateIdNumber('110105194912310021', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.message)).not.toContain('1101051949');
  });

  it('masks all but the first 6 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('123')).toBe('***');
  });
});

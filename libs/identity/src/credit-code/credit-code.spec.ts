import { CREDIT_CODE_CHARSET, CREDIT_CODE_WEIGHTS, creditCodeCheckCharacter, validateCreditCode } from './index';

const VALID = ['91350100M000100Y43', '91110000600037341L'];

describe('validateCreditCode', () => {
  it('has the weights 3^(i-1) mod 31', () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n)));
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
  });

  it.each(VALID)('accepts %s with its region and province', (code) => {
    const r = validateCreditCode(code);
    expect(r).toEqual({ ok: true, code, provinceCode: code.slice(2, 4), regionCode: code.slice(2, 8) });
  });

  it('reads the region of the Fujian and Beijing codes', () => {
    expect(validateCreditCode('91350100M000100Y43')).toMatchObject({ provinceCode: '35', regionCode: '350100' });
    expect(validateCreditCode('91110000600037341L')).toMatchObject({ provinceCode: '11', regionCode: '110000' });
  });

  it('trims and upper-cases before checking', () => {
    expect(validateCreditCode('  91350100m000100y43 \n')).toMatchObject({ ok: true, code: '91350100M000100Y43' });
    expect(validateCreditCode('91110000600037341l')).toMatchObject({ ok: true, code: '91110000600037341L' });
  });

  it.each(VALID)('rejects every single-character substitution of %s with a check fault', (code) => {
    let mutations = 0;
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of CREDIT_CODE_CHARSET) {
        if (ch === code[pos]) continue;
        const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
        const r = validateCreditCode(mutated);
        if (r.ok) throw new Error(`mutation ${mutated} (position ${pos + 1}) was accepted`);
        expect(r.fault).toBe('check');
        expect(r.position).toBe(18);
        mutations++;
      }
    }
    expect(mutations).toBe(18 * 30);
  });

  it('names the expected check character', () => {
    const r = validateCreditCode('91350100M000100Y44');
    expect(r).toMatchObject({ ok: false, fault: 'check', position: 18 });
    if (r.ok) return;
    expect(r.message.zh).toContain('“3”');
    expect(r.message.en).toContain("should be '3'");
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['', 0],
    ['9135010', 7],
    ['91350100M000100Y4', 17],
    ['91350100M000100Y433', 19],
    ['91350100M000100Y43000000', 24],
  ])('rejects %p as length %d and names 18', (input, len) => {
    const r = validateCreditCode(input);
    expect(r).toMatchObject({ ok: false, fault: 'length' });
    if (r.ok) return;
    expect(r.message.zh).toContain(`${len} 位`);
    expect(r.message.zh).toContain('18');
    expect(r.message.en).toContain(`this one has ${len}`);
    expect(r.message.en).toContain('18');
  });

  it('tolerates a non-string at run time', () => {
    expect(validateCreditCode(undefined as unknown as string)).toMatchObject({ ok: false, fault: 'length' });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the letter %s, naming it and its position', (letter) => {
    const code = '91350100M000100Y43';
    for (const pos of [1, 9, 18]) {
      const mutated = code.slice(0, pos - 1) + letter + code.slice(pos);
      const r = validateCreditCode(mutated);
      expect(r).toMatchObject({ ok: false, fault: 'charset', position: pos });
      if (r.ok) continue;
      expect(r.message.zh).toContain(`第 ${pos} 位`);
      expect(r.message.zh).toContain(`“${letter}”`);
      expect(r.message.zh).toContain('I、O、S、V、Z');
      expect(r.message.en).toContain(`'${letter}' at position ${pos}`);
      expect(r.message.en).toContain('I, O, S, V or Z');
    }
  });

  it('rejects lowercase forbidden letters after upper-casing', () => {
    expect(validateCreditCode('91350100m0o0100y43')).toMatchObject({ ok: false, fault: 'charset', position: 11 });
  });

  it.each([
    ['91350100-000100Y43', 9, '-'],
    ['91350100M000100Y4中', 18, '中'],
    ['9135 100M000100Y43', 5, '空格'],
  ])('rejects %p at its first bad character', (input, position, shown) => {
    const r = validateCreditCode(input);
    expect(r).toMatchObject({ ok: false, fault: 'charset', position });
    if (r.ok) return;
    expect(r.message.zh).toContain(shown);
  });

  it('checks the length before the charset', () => {
    expect(validateCreditCode('91350100O000100Y4')).toMatchObject({ ok: false, fault: 'length' });
  });
});

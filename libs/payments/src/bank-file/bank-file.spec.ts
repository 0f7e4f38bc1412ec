import { formatBankFile, parseReturnFile } from './bank-file';
import { csvCell, parseCsv } from './csv';

describe('bank batch file', () => {
  const id1 = '11111111-1111-4111-8111-111111111111';
  const id2 = '22222222-2222-4222-8222-222222222222';

  it('exports one line per instalment with amounts in fen and yuan, quoting what needs it', () => {
    const text = formatBankFile([
      {
        instalmentId: id1,
        batchId: 'b',
        payeeName: '星火动画, 有限公司',
        payeeCreditCode: '91350100M000100Y43',
        amountFen: 150000001,
        memo: 'JP-2026-000001 第1期',
      },
    ]);
    expect(text.startsWith('\uFEFFinstalmentId,batchId,payeeName')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[1]).toEqual([
      id1,
      'b',
      '星火动画, 有限公司',
      '91350100M000100Y43',
      '150000001',
      '1500000.01',
      'JP-2026-000001 第1期',
    ]);
  });

  it('reads a return file with columns in any order and reports lines it cannot read', () => {
    const text = `status,reference,instalmentId,reason\r\nPAID,BK001,${id1},\r\n失败,,${id2},账户已销户\r\nmaybe,,${id1},\r\nPAID,,not-an-id,\r\n`;
    const { lines, problems } = parseReturnFile(text);
    expect(lines).toEqual([
      { line: 2, instalmentId: id1, status: 'paid', reference: 'BK001', reason: null },
      { line: 3, instalmentId: id2, status: 'failed', reference: null, reason: '账户已销户' },
    ]);
    expect(problems.map((p) => p.line)).toEqual([4, 5]);
  });

  it('refuses a file without the needed columns', () => {
    expect(parseReturnFile('a,b\n1,2\n').problems[0].message).toMatch(/instalmentId and status/);
  });

  it('defuses spreadsheet formulas and doubles quotes', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(-5)).toBe('-5');
  });
});

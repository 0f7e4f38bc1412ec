import { csvCell, rankingCsv } from './ranking-csv';

describe('ranking CSV', () => {
  it('starts with a BOM and a header row, uses CRLF, and quotes what needs quoting', () => {
    const csv = rankingCsv([
      {
        applicationId: 'a1',
        number: 'JP-2026-000001',
        title: '山海, "经"',
        score: 85.5,
        rawMean: 85,
        reviews: 3,
        spread: 21,
        flagged: true,
        rank: 1,
      },
      {
        applicationId: 'a2',
        number: 'JP-2026-000002',
        title: '=cmd()',
        score: null,
        rawMean: null,
        reviews: 0,
        spread: null,
        flagged: false,
        rank: null,
      },
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('applicationId,number,title,score,rawMean,reviews,spread,flagged,rank');
    expect(lines[1]).toBe('a1,JP-2026-000001,"山海, ""经""",85.5,85,3,21,true,1');
    expect(lines[2]).toBe("a2,JP-2026-000002,'=cmd(),,,0,,false,");
    expect(lines[3]).toBe('');
  });

  it('leaves numbers alone (negative numbers are not formulas)', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell('-x')).toBe("'-x");
  });
});

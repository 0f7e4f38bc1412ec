import { RankingRow } from '../aggregation/aggregation';

/** Columns of the CSV: the fields of the JSON ranking as API.md lists them, in the same order (the JSON also has `province`). */
export const RANKING_CSV_COLUMNS: (keyof RankingRow)[] = [
  'applicationId',
  'number',
  'title',
  'score',
  'rawMean',
  'reviews',
  'spread',
  'flagged',
  'rank',
];

/** One CSV cell: quoted when needed; a text that a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s =
    typeof value === 'number' ? String(value) : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The ranking as CSV: UTF-8 with a byte-order mark (so Excel reads Chinese), a header row, CRLF line ends. */
export function rankingCsv(rows: RankingRow[]): string {
  const lines = [RANKING_CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(RANKING_CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

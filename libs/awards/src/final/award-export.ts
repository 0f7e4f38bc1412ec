import ExcelJS from 'exceljs';
import { csvLine } from '@portal/platform';
import { PublicAwardRow } from './award.view';

/** The columns of the public award list, in order: the same in JSON, CSV and XLSX. */
export const PUBLIC_AWARD_COLUMNS: (keyof PublicAwardRow)[] = [
  'id',
  'program',
  'year',
  'organization',
  'title',
  'tier',
  'amountFen',
  'certificateNo',
  'status',
];

/**
 * The columns of one download: API.md's, `province` when the query asked for it (issue 12), and `lapsedOn` last when a
 * listed certificate lapsed (issue 13: only calls with the annual review have any).
 */
export function publicAwardColumns(withProvince: boolean, withLapsed = false): (keyof PublicAwardRow)[] {
  const cols = withProvince ? [...PUBLIC_AWARD_COLUMNS, 'province' as const] : [...PUBLIC_AWARD_COLUMNS];
  return withLapsed ? [...cols, 'lapsedOn'] : cols;
}

const anyLapsed = (rows: PublicAwardRow[]) => rows.some((r) => r.status === 'lapsed');

/** CSV with a header row (UTF-8 with BOM, so spreadsheet programs read the Chinese names). */
export function awardsCsv(rows: PublicAwardRow[], withProvince = false): string {
  const cols = publicAwardColumns(withProvince, anyLapsed(rows));
  const lines = [csvLine(cols), ...rows.map((r) => csvLine(cols.map((c) => r[c] ?? null)))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX (exceljs): one sheet, a header row, amounts as numbers. */
export async function awardsXlsx(rows: PublicAwardRow[], withProvince = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '动漫扶持申报平台';
  const ws = wb.addWorksheet('awards');
  ws.columns = publicAwardColumns(withProvince, anyLapsed(rows)).map((c) => ({
    header: c,
    key: c,
    width: c === 'organization' || c === 'title' ? 36 : c === 'id' ? 38 : 16,
  }));
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

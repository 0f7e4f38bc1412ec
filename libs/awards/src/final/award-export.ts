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

/** CSV with a header row (UTF-8 with BOM, so spreadsheet programs read the Chinese names). */
export function awardsCsv(rows: PublicAwardRow[]): string {
  const lines = [csvLine(PUBLIC_AWARD_COLUMNS), ...rows.map((r) => csvLine(PUBLIC_AWARD_COLUMNS.map((c) => r[c])))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX (exceljs): one sheet, a header row, amounts as numbers. */
export async function awardsXlsx(rows: PublicAwardRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '动漫扶持申报平台';
  const ws = wb.addWorksheet('awards');
  ws.columns = PUBLIC_AWARD_COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c === 'organization' || c === 'title' ? 36 : c === 'id' ? 38 : 16,
  }));
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

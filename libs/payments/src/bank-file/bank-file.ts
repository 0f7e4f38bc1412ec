import { csvLine, parseCsv } from './csv';

/**
 * The bank batch file (PAYMENT_RAIL=bank-file).
 * Export, one line per instalment, UTF-8 with BOM:
 *   instalmentId,batchId,payeeName,payeeCreditCode,amountFen,amountYuan,memo
 * Return file from the bank, one line per instalment (header required, columns in any order, extra columns ignored):
 *   instalmentId,status,reference,reason      status: PAID | FAILED (also 成功 / 失败)
 */
export const EXPORT_HEADER = [
  'instalmentId',
  'batchId',
  'payeeName',
  'payeeCreditCode',
  'amountFen',
  'amountYuan',
  'memo',
];

export interface ExportLine {
  instalmentId: string;
  batchId: string;
  payeeName: string;
  payeeCreditCode: string;
  amountFen: number;
  memo: string;
}

function yuanPlain(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export function formatBankFile(lines: ExportLine[]): string {
  const out = [csvLine(EXPORT_HEADER)];
  for (const l of lines)
    out.push(
      csvLine([l.instalmentId, l.batchId, l.payeeName, l.payeeCreditCode, l.amountFen, yuanPlain(l.amountFen), l.memo]),
    );
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

export interface ReturnLine {
  line: number;
  instalmentId: string;
  status: 'paid' | 'failed';
  reference: string | null;
  reason: string | null;
}

export interface ReturnProblem {
  line: number;
  message: string;
}

const PAID = new Set(['paid', 'success', 'succeeded', 'ok', '成功', '已支付']);
const FAILED = new Set(['failed', 'failure', 'rejected', 'returned', '失败', '退票']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the bank's return file; lines it cannot read are reported, never guessed. */
export function parseReturnFile(text: string): { lines: ReturnLine[]; problems: ReturnProblem[] } {
  const rows = parseCsv(text);
  const problems: ReturnProblem[] = [];
  if (!rows.length) return { lines: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name.toLowerCase());
  const [iId, iStatus, iRef, iReason] = [col('instalmentId'), col('status'), col('reference'), col('reason')];
  if (iId < 0 || iStatus < 0)
    return { lines: [], problems: [{ line: 1, message: 'the header needs the columns instalmentId and status' }] };
  const lines: ReturnLine[] = [];
  rows.slice(1).forEach((r, idx) => {
    const line = idx + 2;
    const id = (r[iId] ?? '').trim();
    const raw = (r[iStatus] ?? '').trim().toLowerCase();
    if (!UUID.test(id)) return problems.push({ line, message: `not an instalment id: ${id.slice(0, 60)}` });
    const status = PAID.has(raw) ? 'paid' : FAILED.has(raw) ? 'failed' : null;
    if (!status) return problems.push({ line, message: `unknown status: ${raw.slice(0, 30)}` });
    lines.push({
      line,
      instalmentId: id.toLowerCase(),
      status,
      reference: iRef >= 0 ? (r[iRef] ?? '').trim().slice(0, 100) || null : null,
      reason: iReason >= 0 ? (r[iReason] ?? '').trim().slice(0, 300) || null : null,
    });
  });
  return { lines, problems };
}

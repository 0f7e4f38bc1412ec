/** Money is integer fen in the API. These helpers never go through floating point for amounts. */

/** 123456 → "¥1,234.56" (negative: "-¥1,234.56"). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}¥${grouped}.${String(cents).padStart(2, '0')}`;
}

/** 123456 → "1234.56" (for editing). */
export function fenToYuanString(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456789 → "1,234,567.89": what a money input shows when it is not being typed in. */
export function fenToYuanGrouped(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  return formatFen(fen).replace('¥', '');
}

/**
 * Parse a yuan amount typed by a person into fen, exactly: "1,234.5" → 123450. Returns null for
 * anything that is not a non-negative amount with at most two decimals.
 */
export function parseYuan(input: string): number | null {
  const s = input.replace(/[,，\s¥￥]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s) ?? /^()\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const whole = m[1] ? Number(m[1]) : 0;
  const frac = (m[2] ?? '').padEnd(2, '0');
  const fen = whole * 100 + Number(frac);
  return Number.isSafeInteger(fen) ? fen : null;
}

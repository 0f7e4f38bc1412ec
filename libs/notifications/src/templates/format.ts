/** Helpers shared by the mail templates: money and dates as people read them. */

/** ¥1,234.56 from integer fen (exact, no floating point). */
export function yuan(fen: number | string | bigint): string {
  const v = BigInt(fen);
  const neg = v < BigInt(0);
  const abs = neg ? -v : v;
  const whole = (abs / BigInt(100)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % BigInt(100)).toString().padStart(2, '0');
  return `${neg ? '-' : ''}¥${whole}.${cents}`;
}

/** YYYY-MM-DD HH:mm in Asia/Shanghai. */
export function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface MailText {
  subject: string;
  text: string;
  template: string;
}

/** A bilingual mail: Chinese first, then English, one subject for both. */
export function bilingual(
  template: string,
  zhSubject: string,
  enSubject: string,
  zh: string[],
  en: string[],
): MailText {
  return {
    template,
    subject: `${zhSubject} / ${enSubject}`,
    text: `${zh.join('\n')}\n\n---\n\n${en.join('\n')}\n`,
  };
}

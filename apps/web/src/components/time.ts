import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Business times (windows, deadlines, history) are Beijing time, wherever the browser is. */
export const PORTAL_TZ = 'Asia/Shanghai';

export function fmtTime(s: string | null | undefined): string {
  if (!s) return '—';
  const d = dayjs(s);
  return d.isValid() ? d.tz(PORTAL_TZ).format('YYYY-MM-DD HH:mm') : s;
}

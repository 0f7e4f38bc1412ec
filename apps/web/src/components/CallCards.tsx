import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { Link } from 'react-router-dom';
import type { CallItem } from '../api/publicInfo';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { usePrograms } from '../programs';
import { fmtTime } from './time';
import { formatFen } from '../money';

/** The current time, renewed every `everyMs` (for countdowns). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

/** How long until `iso`: "12 天 3 小时" (minutes in the last hour; null once it has passed) and the milliseconds. */
export function useCountdown(iso: string, lang: string): { text: string | null; ms: number } {
  const now = useNow();
  const ms = new Date(iso).getTime() - now;
  if (ms <= 0) return { text: null, ms };
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.max(1, Math.floor((ms % 3_600_000) / 60_000));
  if (lang === 'en') return { text: d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`, ms };
  return { text: d ? `${d} 天 ${h} 小时` : h ? `${h} 小时 ${m} 分` : `${m} 分钟`, ms };
}

function Countdown({ closesAt }: { closesAt: string }) {
  const { t, lang } = useI18n();
  const { text: left, ms } = useCountdown(closesAt, lang);
  return (
    <span className={`pp-tag ${ms <= 3 * 86_400_000 ? 'pp-tag-volcano' : 'pp-tag-green'}`} data-testid="call-countdown">
      {left ? t(`距截止 ${left}`, `${left} left`) : t('已截止', 'Closed')}
    </span>
  );
}

/**
 * Open calls as cards with their countdown. An applicant applies; anyone else (no login, another role) reads the
 * call and its program page, and a visitor is offered the login that leads back to the application form. Plain markup
 * in antd's look (styles.css, `pp-`): the public home shows these in its first download.
 */
export function CallCards({ calls, emptyText }: { calls: CallItem[]; emptyText?: string }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const catalogue = usePrograms();
  if (!calls.length)
    return <p className="pp-empty">{emptyText ?? t('当前没有开放的申报批次', 'No call is open now')}</p>;
  const applicant = !!me?.roles.includes('applicant');
  return (
    <ul className="pp-grid" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {calls.map((c) => {
        const applyTo = applicant
          ? `/calls/${c.id}/apply`
          : `/login?next=${encodeURIComponent(`/calls/${c.id}/apply`)}`;
        return (
          <li className="pp-card" key={c.id} data-testid={`call-card-${c.id}`}>
            <div className="pp-card-head">
              <h3 className="pp-card-title" title={c.title}>
                {c.title}
              </h3>
              <span className="pp-tag pp-tag-red">{c.year}</span>
            </div>
            <div className="pp-card-body">
              <strong>{catalogue.programName(c.programCode)}</strong>
              <span>
                {t('申报时间', 'Window')}: {fmtTime(c.opensAt)} — {fmtTime(c.closesAt)}
              </span>
              {c.budgetFen ? (
                <span>
                  {t('预算', 'Budget')}: {formatFen(c.budgetFen)}
                </span>
              ) : null}
              <Countdown closesAt={c.closesAt} />
            </div>
            <div className="pp-card-actions">
              <Link to={`/public/programs/${c.programCode}`} data-testid={`call-program-${c.id}`}>
                {t('申报指南', 'Guide')}
              </Link>
              {me && !applicant ? null : (
                <Link to={applyTo} data-testid={`apply-${c.id}`}>
                  <Button type="primary" data-testid="call-apply">
                    {applicant ? t('我要申报', 'Apply') : t('登录后申报', 'Log in to apply')}
                  </Button>
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

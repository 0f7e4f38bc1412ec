import { Spin } from 'antd';
import {
  BarChartOutlined,
  BookOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { itemsOf } from '../../api';
import { publicInfoApi } from '../../api/publicInfo';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox } from '../../components/ErrorBox';
import { fmtTime } from '../../components/time';
import { useLoad } from '../../components/useLoad';
import { CallCards, useCountdown } from '../../components/CallCards';
import { formatFen } from '../../money';
import type { PublicNoticeItem } from '../../api/publicInfo';

function NoticeLine({ n }: { n: PublicNoticeItem }) {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { text: left } = useCountdown(n.endsAt, lang);
  return (
    <li
      data-testid={`home-notice-${n.id}`}
      style={{
        padding: '10px 0',
        borderBottom: '1px solid #f0f0f0',
        display: 'flex',
        flexWrap: 'wrap',
        gap: 8,
        justifyContent: 'space-between',
      }}
    >
      <div>
        <strong>{n.callTitle}</strong>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
          <span>{catalogue.programName(n.program)}</span>
          <span>
            {fmtTime(n.startsAt)} — {fmtTime(n.endsAt)}
          </span>
          {left ? <span className="pp-tag pp-tag-orange">{t(`距结束 ${left}`, `${left} left`)}</span> : null}
        </div>
      </div>
      <Link to={`/public/notices/${n.id}`}>{t('查看公示 / 提出异议', 'Read / object')}</Link>
    </li>
  );
}

/** A card in antd's look, plain markup (styles.css). */
function Panel({
  title,
  extra,
  testId,
  children,
}: {
  title: string;
  extra: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="pp-card" data-testid={testId} aria-label={title}>
      <div className="pp-card-head">
        <h2 className="pp-card-title">{title}</h2>
        {extra}
      </div>
      <div className="pp-card-body">{children}</div>
    </section>
  );
}

function Figure({ title, value, testId }: { title: string; value: ReactNode; testId?: string }) {
  return (
    <div className="pp-stat" data-testid={testId}>
      <dt>{title}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/**
 * The public home (no login): open calls with their countdown, the notices running now with the way to object, the
 * headline figures and the ways into the award lists, program guides and statistics. No chart library and no antd
 * cards, tags or typography here: plain markup in antd's look keeps the first download small (P6).
 */
export function PublicHomePage() {
  const { t } = useI18n();
  const calls = useLoad(async () => itemsOf(await publicInfoApi.openCalls()), []);
  const notices = useLoad(async () => (await publicInfoApi.notices('open', 1, 10)).items, []);
  const stats = useLoad(() => publicInfoApi.publicStatistics({}), []);
  const links = [
    {
      to: '/public/programs',
      icon: <BookOutlined />,
      zh: '项目介绍与申报指南',
      en: 'Programs and guides',
      id: 'programs',
    },
    { to: '/public/notices', icon: <NotificationOutlined />, zh: '公示公告', en: 'Public notices', id: 'notices' },
    { to: '/public/awards', icon: <TrophyOutlined />, zh: '立项与认定名单', en: 'Award lists', id: 'awards' },
    {
      to: '/public/lists',
      icon: <OrderedListOutlined />,
      zh: '推荐与入选名录',
      en: 'Recommendation lists',
      id: 'lists',
    },
    { to: '/public/statistics', icon: <BarChartOutlined />, zh: '统计数据', en: 'Statistics', id: 'statistics' },
  ];
  const totals = stats.data?.totals;
  return (
    <div data-testid="public-home">
      <h1 className="pp-title">{t('动漫扶持公共信息服务平台', 'Animation Support: public information')}</h1>
      <p className="pp-lead">
        {t(
          '开放申报的批次、正在公示的名单、立项名单、各项目的申报指南和统计数据，无需登录即可查看。',
          'Open calls, notices running now, award lists, each program’s guide and the statistics — no login needed.',
        )}
      </p>
      <nav className="pp-chips" aria-label={t('公共信息', 'Public information')}>
        {links.map((l) => (
          <Link key={l.to} to={l.to} data-testid={`public-link-${l.id}`} className="pp-chip">
            {l.icon}
            {t(l.zh, l.en)}
          </Link>
        ))}
      </nav>

      <h2 className="pp-h4">{t('开放申报', 'Open calls')}</h2>
      <ErrorBox error={calls.error} />
      {calls.loading && !calls.data ? <Spin /> : <CallCards calls={calls.data ?? []} />}

      <div className="pp-split">
        <Panel
          title={t('正在公示', 'Notices running now')}
          extra={<Link to="/public/notices">{t('全部公示', 'All notices')}</Link>}
          testId="home-open-notices"
        >
          <ErrorBox error={notices.error} />
          {notices.data?.length ? (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {notices.data.map((n) => (
                <NoticeLine n={n} key={n.id} />
              ))}
            </ul>
          ) : notices.loading ? (
            <Spin />
          ) : (
            <p className="pp-empty">{t('当前没有正在公示的名单', 'No notice is running now')}</p>
          )}
        </Panel>
        <Panel
          title={t('统计概览', 'At a glance')}
          extra={<Link to="/public/statistics">{t('查看统计', 'Statistics')}</Link>}
          testId="home-stats"
        >
          <ErrorBox error={stats.error} />
          <dl className="pp-stats">
            <Figure
              title={t('申报数', 'Applications')}
              value={(totals?.applications ?? 0).toLocaleString('en-US')}
              testId="home-stat-applications"
            />
            <Figure
              title={t('立项/认定数', 'Awards')}
              value={(totals?.awards ?? 0).toLocaleString('en-US')}
              testId="home-stat-awards"
            />
            <Figure
              title={t('承诺资助', 'Committed')}
              value={formatFen(totals?.committedFen ?? 0)}
              testId="home-stat-committed"
            />
            <Figure title={t('已拨付', 'Paid')} value={formatFen(totals?.paidFen ?? 0)} />
          </dl>
        </Panel>
      </div>
    </div>
  );
}

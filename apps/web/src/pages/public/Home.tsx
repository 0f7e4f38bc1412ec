import { Card, Col, Empty, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { BarChartOutlined, BookOutlined, NotificationOutlined, TrophyOutlined } from '@ant-design/icons';
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
    // plain markup, not antd's List (which would bring its pagination and selects into the first page)
    <li data-testid={`home-notice-${n.id}`} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Text strong>{n.callTitle}</Typography.Text>
          <div>
            <Space wrap size={4}>
              <span>{catalogue.programName(n.program)}</span>
              <span>
                {fmtTime(n.startsAt)} — {fmtTime(n.endsAt)}
              </span>
              {left ? <Tag color="orange">{t(`距结束 ${left}`, `${left} left`)}</Tag> : null}
            </Space>
          </div>
        </div>
        <Link to={`/public/notices/${n.id}`}>{t('查看公示 / 提出异议', 'Read / object')}</Link>
      </Space>
    </li>
  );
}

/**
 * The public home (no login): open calls with their countdown, the notices running now with the way to object, the
 * headline figures and the ways into the award lists, program guides and statistics. No chart library here: the
 * first page stays light.
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
    { to: '/public/statistics', icon: <BarChartOutlined />, zh: '统计数据', en: 'Statistics', id: 'statistics' },
  ];
  const totals = stats.data?.totals;
  return (
    <div data-testid="public-home">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('动漫扶持公共信息服务平台', 'Animation Support: public information')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(
          '开放申报的批次、正在公示的名单、立项名单、各项目的申报指南和统计数据，无需登录即可查看。',
          'Open calls, notices running now, award lists, each program’s guide and the statistics — no login needed.',
        )}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        {links.map((l) => (
          <Link key={l.to} to={l.to} data-testid={`public-link-${l.id}`}>
            <Tag icon={l.icon} style={{ padding: '6px 12px', fontSize: 14, cursor: 'pointer' }}>
              {t(l.zh, l.en)}
            </Tag>
          </Link>
        ))}
      </Space>

      <Typography.Title level={4}>{t('开放申报', 'Open calls')}</Typography.Title>
      <ErrorBox error={calls.error} />
      {calls.loading && !calls.data ? <Spin /> : <CallCards calls={calls.data ?? []} />}

      <Row gutter={[16, 16]} style={{ marginTop: 24 }}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('正在公示', 'Notices running now')}
            extra={<Link to="/public/notices">{t('全部公示', 'All notices')}</Link>}
            data-testid="home-open-notices"
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
              <Empty description={t('当前没有正在公示的名单', 'No notice is running now')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('统计概览', 'At a glance')}
            extra={<Link to="/public/statistics">{t('查看统计', 'Statistics')}</Link>}
            data-testid="home-stats"
          >
            <ErrorBox error={stats.error} />
            <Row gutter={[8, 8]}>
              <Col span={12}>
                <Statistic
                  title={t('申报数', 'Applications')}
                  value={totals?.applications ?? 0}
                  data-testid="home-stat-applications"
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('立项/认定数', 'Awards')}
                  value={totals?.awards ?? 0}
                  data-testid="home-stat-awards"
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('承诺资助', 'Committed')}
                  value={formatFen(totals?.committedFen ?? 0)}
                  data-testid="home-stat-committed"
                />
              </Col>
              <Col span={12}>
                <Statistic title={t('已拨付', 'Paid')} value={formatFen(totals?.paidFen ?? 0)} />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

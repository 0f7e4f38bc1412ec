import { useState } from 'react';
import { App, Button, Card, Popconfirm, Progress as Bar, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, type DrawResult, type RankingRow } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBox, fmtTime, okProps, useLoad } from '../../components/common';

/**
 * A province's own expert round on a recommendation call (issue 12): the same draw, blind scoring and ranking as the
 * national round, drawn from the experts registered with the province over its applications that passed the 初审.
 * Progress (counts, never scores) until the officer closes the round, then the ranking — which can put the
 * recommendation order (推荐排序) in ranking order, within the quota.
 */
export function ProvincialRoundCard(props: {
  callId: string;
  province: string;
  /**
   * Puts the ranked applications (best first, with their rank) into the recommendation order; the page keeps those
   * still waiting for it (its own list, fresh after a forward) within the quota.
   */
  onUseRanking: (ranked: { applicationId: string; rank: number }[]) => void;
  closed: boolean;
}) {
  const { callId, province, onUseRanking, closed: stageClosed } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const progress = useLoad(() => api.provincialProgress(callId, province), [callId, province]);
  const p = progress.data;
  const roundClosed = !!p?.closedAt;
  const ranking = useLoad(
    () => (roundClosed ? api.provincialRanking(callId, province) : Promise.resolve([] as RankingRow[])),
    [callId, province, roundClosed],
  );
  const [drawn, setDrawn] = useState<DrawResult | null>(null);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<unknown>(null);

  const act = async (what: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
      message.success(done);
      await progress.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };
  const rows = ranking.data ?? [];
  // an application without a submitted review has no rank: the officer decides on it, the ranking does not
  const ranked = rows.flatMap((r) => (r.rank === null ? [] : [{ applicationId: r.applicationId, rank: r.rank }]));

  return (
    <Card title={t('省级专家评审', 'Provincial expert round')} size="small" style={{ marginBottom: 16 }}>
      <ErrorBox error={progress.error ?? ranking.error ?? error} onClose={() => setError(null)} />
      <Typography.Paragraph type="secondary">
        {t(
          '从本省登记的评审专家中抽取，对初审通过的申报进行评审（与国家评审相同的抽取、盲评与排名规则，但分数互不混合）；结束评审后可按排名排列推荐顺序。',
          'Experts registered with this province review its applications that passed the provincial check (the same ' +
            'draw, blind scoring and ranking as the national round; the scores never mix); after the close the ' +
            'ranking can set the recommendation order.',
        )}
      </Typography.Paragraph>
      <Space size="large" wrap data-testid="provincial-round-progress">
        <div data-testid="provincial-submitted">
          <Statistic title={t('已提交', 'Submitted')} value={p?.submitted ?? 0} />
        </div>
        <div data-testid="provincial-pending">
          <Statistic title={t('待评审', 'Pending')} value={p?.pending ?? 0} />
        </div>
        <div data-testid="provincial-declined">
          <Statistic title={t('已谢绝', 'Declined')} value={p?.declined ?? 0} />
        </div>
        <div data-testid="provincial-expired">
          <Statistic title={t('已过期', 'Expired')} value={p?.expired ?? 0} />
        </div>
        <div style={{ width: 200 }}>
          <Bar percent={p && p.total ? Math.round((p.submitted / Math.max(1, p.total - p.declined)) * 100) : 0} />
        </div>
        {roundClosed ? <Tag color="default">{`${t('已结束', 'closed')} ${fmtTime(p?.closedAt ?? null)}`}</Tag> : null}
      </Space>
      <Space style={{ marginTop: 12, display: 'flex' }}>
        <Button
          type="primary"
          disabled={roundClosed || stageClosed}
          loading={busy === 'draw'}
          data-testid="provincial-draw"
          onClick={() =>
            void act(
              'draw',
              async () => setDrawn(await api.provincialDraw(callId, province)),
              t('已抽取专家', 'Experts drawn'),
            )
          }
        >
          {t('抽取本省专家', 'Draw provincial experts')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          loading={progress.loading}
          data-testid="provincial-refresh"
          onClick={() => void progress.reload()}
        >
          {t('刷新进度', 'Refresh')}
        </Button>
        <Popconfirm
          title={t('结束省级评审？未提交的评审将过期。', 'Close the provincial round? Pending reviews expire.')}
          okText={t('结束', 'Close')}
          cancelText={t('取消', 'Cancel')}
          okButtonProps={okProps('provincial-close-confirm')}
          onConfirm={() =>
            void act('close', () => api.provincialClose(callId, province), t('省级评审已结束', 'Round closed'))
          }
        >
          <Button disabled={roundClosed || !p?.submitted} loading={busy === 'close'} data-testid="provincial-close">
            {t('结束省级评审', 'Close the round')}
          </Button>
        </Popconfirm>
        {drawn ? (
          <Typography.Text type={drawn.shortfalls.length ? 'warning' : 'secondary'}>
            {t(
              `本次抽取 ${drawn.assigned} 人次${drawn.shortfalls.length ? `，${drawn.shortfalls.length} 件申报专家不足` : ''}`,
              `${drawn.assigned} assigned${drawn.shortfalls.length ? `, ${drawn.shortfalls.length} short of experts` : ''}`,
            )}
          </Typography.Text>
        ) : null}
      </Space>
      {roundClosed ? (
        <>
          <Table<RankingRow>
            style={{ marginTop: 12 }}
            rowKey="applicationId"
            size="small"
            pagination={false}
            loading={ranking.loading}
            dataSource={rows}
            data-testid="provincial-ranking"
            columns={[
              { title: t('名次', 'Rank'), dataIndex: 'rank', width: 70, render: (r: number | null) => r ?? '—' },
              { title: t('申报编号', 'Number'), dataIndex: 'number', width: 150 },
              { title: t('申报名称', 'Title'), dataIndex: 'title' },
              {
                title: t('得分', 'Score'),
                dataIndex: 'score',
                width: 90,
                align: 'right',
                render: (s: number | null) => (s === null ? '—' : s.toFixed(2)),
              },
              { title: t('评审数', 'Reviews'), dataIndex: 'reviews', width: 80, align: 'right' },
            ]}
          />
          <Button
            style={{ marginTop: 12 }}
            disabled={stageClosed || !ranked.length}
            data-testid="provincial-use-ranking"
            onClick={() => onUseRanking(ranked)}
          >
            {t('按评审排名排列推荐顺序', 'Order the recommendation by this ranking')}
          </Button>
        </>
      ) : null}
    </Card>
  );
}

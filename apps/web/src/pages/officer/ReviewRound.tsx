import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  InputNumber,
  Popconfirm,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { DownloadOutlined, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { api, type DrawResult, type RankingRow, type ReviewListItem } from '../../api';
import { ApiError, downloadFile } from '../../client';
import { AGGREGATIONS, useI18n } from '../../i18n';
import { inProvince, provinceColumn, ProvinceSelect, useProvinceParam } from '../../provinces';
import { DeliberationCard } from './Deliberation';
import {
  okProps,
  ErrorBox,
  errorText,
  fmtTime,
  PageTitle,
  StatusTag,
  useLoad,
  usePaged,
} from '../../components/common';

export function ReviewRoundPage() {
  const { callId = '' } = useParams();
  const { t, v, lang } = useI18n();
  const { message } = App.useApp();
  const [province, setProvince] = useProvinceParam();
  const [seed, setSeed] = useState<number | null>(null);
  const [draw, setDraw] = useState<DrawResult | null>(null);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<unknown>(null);
  const call = useLoad(() => api.call(callId), [callId]);
  const progress = useLoad(() => api.reviewProgress(callId), [callId]);
  const reviews = usePaged((page, pageSize) => api.reviews({ page, pageSize, callId }), [callId]);
  const ranking = useLoad(async () => {
    try {
      return await api.ranking(callId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) return null; // round still open
      throw e;
    }
  }, [callId]);

  const run = async (name: string, fn: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };

  const p = progress.data;
  const numberOf = (applicationId: string) =>
    p?.byApplication?.find((a) => a.applicationId === applicationId)?.number ?? null;
  // a chosen seed is accepted only on a staging portal (elsewhere 400 REVIEW.SEED_NOT_ALLOWED): the server says which
  const seedAllowed = p?.seedAllowed === true;
  const pct = p && p.total ? Math.round((p.submitted * 100) / p.total) : 0;

  return (
    <div>
      <PageTitle
        extra={<Link to={`/officer/calls/${callId}/decisions`}>{t('前往立项决定 →', 'Go to decisions →')}</Link>}
      >
        {t('专家评审', 'Expert review')}{' '}
        {call.data
          ? `· ${call.data.title.includes(String(call.data.year)) ? call.data.title : `${call.data.year} ${call.data.title}`}`
          : ''}
      </PageTitle>
      <ErrorBox error={error} onClose={() => setError(null)} />
      {call.data ? (
        <Space style={{ marginBottom: 12 }} wrap>
          <Tag>
            {t(
              `每项 ${call.data.reviewersPerApplication} 位专家`,
              `${call.data.reviewersPerApplication} reviewers each`,
            )}
          </Tag>
          <Tag>{v(AGGREGATIONS, call.data.aggregation)}</Tag>
          {call.data.blindReview ? <Tag color="purple">{t('匿名评审', 'Blind')}</Tag> : null}
          {call.data.regionRecusal ? <Tag color="orange">{t('同省回避', 'Region recusal')}</Tag> : null}
        </Space>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('抽取专家', 'Draw experts')} style={{ marginBottom: 16 }}>
            <Space>
              {seedAllowed ? (
                <InputNumber
                  placeholder={t('随机种子(仅测试环境)', 'Seed (staging only)')}
                  value={seed}
                  onChange={(x) => setSeed(x as number | null)}
                  precision={0}
                  style={{ width: 180 }}
                  data-testid="draw-seed"
                />
              ) : null}
              <Button
                type="primary"
                loading={busy === 'draw'}
                disabled={!!p?.closedAt}
                data-testid="draw-run"
                onClick={() =>
                  run('draw', async () => {
                    const r = await api.draw(callId, seedAllowed ? (seed ?? undefined) : undefined);
                    setDraw(r);
                    message.success(t(`新分配 ${r.assigned} 项评审`, `${r.assigned} new assignments`));
                    void progress.reload();
                    void reviews.reload();
                  })
                }
              >
                {t('抽取 / 补齐', 'Draw / fill gaps')}
              </Button>
            </Space>
            {draw ? (
              <div style={{ marginTop: 12 }} data-testid="draw-result">
                <Alert
                  type={draw.shortfalls.length ? 'warning' : 'success'}
                  showIcon
                  title={t(
                    `新分配 ${draw.assigned} 项；${draw.shortfalls.length} 项专家不足`,
                    `${draw.assigned} assigned; ${draw.shortfalls.length} short of experts`,
                  )}
                />
                {draw.shortfalls.length ? (
                  <Table
                    size="small"
                    rowKey="applicationId"
                    pagination={false}
                    style={{ marginTop: 8 }}
                    data-testid="draw-shortfalls"
                    dataSource={draw.shortfalls}
                    columns={[
                      {
                        title: t('申报', 'Application'),
                        dataIndex: 'applicationId',
                        render: (x: string) => (
                          <Link to={`/officer/applications/${x}`}>{numberOf(x) ?? `${x.slice(0, 8)}…`}</Link>
                        ),
                      },
                      { title: t('缺少专家数', 'Missing'), dataIndex: 'missing', width: 120 },
                    ]}
                  />
                ) : null}
              </div>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('评审进度', 'Progress')}
            style={{ marginBottom: 16 }}
            extra={<Button size="small" icon={<ReloadOutlined />} onClick={progress.reload} />}
          >
            {progress.error ? <ErrorBox error={progress.error} /> : null}
            {p ? (
              <div data-testid="review-progress">
                <Progress percent={pct} aria-label={t('评审进度', 'Review progress')} />
                <Row>
                  <Col span={5}>
                    <Statistic title={t('总数', 'Total')} value={p.total} />
                  </Col>
                  <Col span={5}>
                    <Statistic title={t('已提交', 'Submitted')} value={p.submitted} />
                  </Col>
                  <Col span={5}>
                    <Statistic title={t('待评审', 'Pending')} value={p.pending} />
                  </Col>
                  <Col span={5}>
                    <Statistic title={t('已谢绝', 'Declined')} value={p.declined} />
                  </Col>
                  <Col span={4}>
                    <Statistic title={t('已过期', 'Expired')} value={p.expired ?? 0} />
                  </Col>
                </Row>
                {p.closedAt ? (
                  <Tag color="default" style={{ marginTop: 8 }}>
                    {t(`评审已于 ${fmtTime(p.closedAt)} 结束`, `Closed at ${fmtTime(p.closedAt)}`)}
                  </Tag>
                ) : null}
              </div>
            ) : null}
            <Popconfirm
              title={t('结束本轮评审？未完成的评审将过期。', 'Close the round? Pending reviews expire.')}
              okText={t('结束', 'Close')}
              cancelText={t('取消', 'Cancel')}
              okButtonProps={okProps('review-close-confirm')}
              onConfirm={() =>
                run('close', async () => {
                  await api.closeReview(callId);
                  message.success(t('评审已结束', 'Round closed'));
                  void progress.reload();
                  void ranking.reload();
                  void reviews.reload();
                })
              }
            >
              <Button
                danger
                style={{ marginTop: 12 }}
                loading={busy === 'close'}
                disabled={!!p?.closedAt}
                data-testid="review-close"
              >
                {t('结束评审', 'Close the round')}
              </Button>
            </Popconfirm>
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        title={t('排名', 'Ranking')}
        style={{ marginBottom: 16 }}
        extra={
          <Space wrap>
            <ProvinceSelect value={province} onChange={setProvince} />
            <Button
              size="small"
              icon={<DownloadOutlined />}
              disabled={!ranking.data}
              data-testid="ranking-csv"
              onClick={() =>
                downloadFile(api.rankingCsvPath(callId), `ranking-${callId}.csv`).catch((e) =>
                  message.error(errorText(e, lang)),
                )
              }
            >
              CSV
            </Button>
          </Space>
        }
      >
        {ranking.error ? <ErrorBox error={ranking.error} /> : null}
        {ranking.data === null ? (
          <Alert
            type="info"
            showIcon
            title={t('评审结束后显示排名。', 'The ranking shows once the round is closed.')}
          />
        ) : null}
        {ranking.data ? (
          <Table<RankingRow>
            rowKey="applicationId"
            size="small"
            data-testid="ranking-table"
            dataSource={inProvince(ranking.data, province)}
            pagination={{ pageSize: 50 }}
            rowClassName={(r) => (r.flagged ? 'row-flagged' : '')}
            columns={[
              { title: t('名次', 'Rank'), dataIndex: 'rank', width: 70, render: (x: number | null) => x ?? '—' },
              { title: t('申报编号', 'Number'), dataIndex: 'number', width: 150 },
              {
                title: t('名称', 'Title'),
                dataIndex: 'title',
                render: (x: string, r) => <Link to={`/officer/applications/${r.applicationId}`}>{x}</Link>,
              },
              provinceColumn<RankingRow>(t, lang),
              {
                title: t('综合得分', 'Score'),
                dataIndex: 'score',
                width: 100,
                align: 'right',
                render: (x: number | null) => (x === null || x === undefined ? '—' : <strong>{x.toFixed(2)}</strong>),
              },
              {
                title: t('原始平均分', 'Raw mean'),
                dataIndex: 'rawMean',
                width: 110,
                align: 'right',
                render: (x: number | null) => (x === null || x === undefined ? '—' : x.toFixed(2)),
              },
              { title: t('评审数', 'Reviews'), dataIndex: 'reviews', width: 80, align: 'right' },
              {
                title: t('极差', 'Spread'),
                dataIndex: 'spread',
                width: 80,
                align: 'right',
                render: (x: number | null) => (x === null || x === undefined ? '—' : x.toFixed(2)),
              },
              {
                title: t('分歧', 'Flag'),
                dataIndex: 'flagged',
                width: 80,
                render: (f: boolean) =>
                  f ? (
                    <Tooltip title={t('评分分歧超过阈值，建议会商', 'Spread above the threshold: discuss in panel')}>
                      <Tag color="error" icon={<WarningFilled />} data-testid="ranking-flag">
                        {t('分歧大', 'Flagged')}
                      </Tag>
                    </Tooltip>
                  ) : null,
              },
            ]}
          />
        ) : null}
      </Card>

      {call.data?.deliberation && !province ? <DeliberationCard callId={callId} ranking={ranking.data} /> : null}
      <Card size="small" title={t('评审任务', 'Review assignments')}>
        <Table<ReviewListItem>
          rowKey="id"
          size="small"
          loading={reviews.loading}
          dataSource={reviews.items}
          pagination={reviews.pagination}
          data-testid="round-reviews-table"
          columns={[
            {
              title: t('申报', 'Application'),
              dataIndex: 'applicationId',
              render: (x: string, r) => (
                <Link to={`/officer/applications/${x}`}>
                  {r.applicationNumber ?? `${x.slice(0, 8)}…`}
                  {r.applicationTitle ? <span style={{ color: '#595959' }}> · {r.applicationTitle}</span> : null}
                </Link>
              ),
            },
            {
              title: t('专家', 'Expert'),
              dataIndex: 'expert',
              width: 160,
              render: (_: unknown, r) => r.expert?.name ?? '—',
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 110,
              render: (s: string) => <StatusTag status={s} kind="review" />,
            },
            { title: t('截止', 'Due'), dataIndex: 'dueAt', width: 160, render: fmtTime },
          ]}
        />
      </Card>
    </div>
  );
}

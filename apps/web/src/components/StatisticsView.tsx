import { lazy, Suspense, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { StatisticsDashboard, StatisticsFilter, StatisticsRow } from '../api/publicInfo';
import { useI18n } from '../i18n';
import { usePrograms } from '../programs';
import { ProvinceSelect } from '../provinces';
import { formatFen } from '../money';
import { ErrorBox, fmtTime, useLoad } from './common';

const StatsChart = lazy(() => import('./StatsCharts'));

const yuan = (fen: number) => Math.round(fen / 100);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * A statistics dashboard: filters (program, province, year), headline figures, and by province, by year and by
 * program a chart (lazy chunk) with the same figures as a table; a CSV of every cell. The public's and the officers'
 * pages differ only in where the figures come from (`load`) and how the CSV is fetched (`csv`).
 */
export function StatisticsView(props: {
  load: (f: StatisticsFilter) => Promise<StatisticsDashboard>;
  csv: (f: StatisticsFilter) => { href: string } | { onClick: () => void };
  testId: string;
  extra?: React.ReactNode;
  /** Bumped to load again (after a refresh). */
  version?: number;
}) {
  const { t, pick } = useI18n();
  const catalogue = usePrograms();
  const [program, setProgram] = useState<string | undefined>();
  const [province, setProvince] = useState<string | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const filter: StatisticsFilter = { program, province, year };
  const data = useLoad(() => props.load(filter), [program, province, year, props.version ?? 0]);
  const d = data.data;
  const csv = props.csv(filter);
  const scopedProvince = d?.scope?.provinceCode ?? null;

  const columns = (first: string) => [
    { title: first, dataIndex: 'name', render: (n: StatisticsRow['name']) => pick(n) },
    { title: t('申报数', 'Applications'), dataIndex: 'applications', align: 'right' as const },
    { title: t('受理数', 'Accepted'), dataIndex: 'accepted', align: 'right' as const },
    { title: t('立项/认定', 'Awards'), dataIndex: 'awards', align: 'right' as const },
    { title: t('通过率', 'Pass rate'), dataIndex: 'passRate', align: 'right' as const, render: pct },
    { title: t('承诺金额', 'Committed'), dataIndex: 'committedFen', align: 'right' as const, render: formatFen },
    { title: t('已拨付', 'Paid'), dataIndex: 'paidFen', align: 'right' as const, render: formatFen },
  ];
  const chart = (rows: StatisticsRow[], key: string, label: string, horizontal: boolean, money: boolean) => (
    <Suspense fallback={<Spin />}>
      <StatsChart
        testId={`chart-${key}`}
        horizontal={horizontal}
        ariaLabel={label}
        categories={rows.map((r) => pick(r.name))}
        series={
          money
            ? [
                { name: t('承诺金额（元）', 'Committed (CNY)'), values: rows.map((r) => yuan(r.committedFen)) },
                { name: t('已拨付（元）', 'Paid (CNY)'), values: rows.map((r) => yuan(r.paidFen)) },
              ]
            : [
                { name: t('申报数', 'Applications'), values: rows.map((r) => r.applications) },
                { name: t('立项/认定', 'Awards'), values: rows.map((r) => r.awards) },
              ]
        }
      />
    </Suspense>
  );
  const tab = (key: string, title: string, first: string, rows: StatisticsRow[], horizontal: boolean) => ({
    key,
    label: <span data-testid={`stats-tab-${key}`}>{title}</span>,
    children: (
      <div>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('申报与立项', 'Applications and awards')}>
              {rows.length
                ? chart(
                    rows,
                    `${key}-counts`,
                    `${title}：${t('申报数与立项数', 'applications and awards')}`,
                    horizontal,
                    false,
                  )
                : null}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('资金', 'Money')}>
              {rows.length
                ? chart(
                    rows,
                    `${key}-money`,
                    `${title}：${t('承诺与拨付金额', 'money committed and paid')}`,
                    horizontal,
                    true,
                  )
                : null}
            </Card>
          </Col>
        </Row>
        <Table<StatisticsRow>
          style={{ marginTop: 16 }}
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          data-testid={`stats-table-${key}`}
          columns={columns(first)}
        />
      </div>
    ),
  });

  return (
    <div data-testid={props.testId}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 240 }}
          aria-label={t('项目', 'Program')}
          placeholder={t('全部项目', 'All programs')}
          value={program}
          onChange={setProgram}
          data-testid="stats-program"
          options={catalogue.programs.map((p) => ({ value: p.code, label: catalogue.programName(p.code) }))}
        />
        {scopedProvince ? null : <ProvinceSelect value={province} onChange={setProvince} />}
        <InputNumber
          aria-label={t('年度', 'Year')}
          placeholder={t('年度', 'Year')}
          min={2000}
          max={2100}
          precision={0}
          value={year}
          onChange={(x) => setYear((x as number) ?? undefined)}
          data-testid="stats-year"
        />
        {'href' in csv ? (
          <a href={csv.href} data-testid="stats-csv">
            <Button icon={<DownloadOutlined />}>CSV</Button>
          </a>
        ) : (
          <Button icon={<DownloadOutlined />} onClick={csv.onClick} data-testid="stats-csv">
            CSV
          </Button>
        )}
        {props.extra}
      </Space>
      <ErrorBox error={data.error} />
      {d?.scope?.provinceCode ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('仅显示本省数据', 'Your province only')}
          data-testid="stats-scope"
        />
      ) : null}
      {!d ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="stats-refreshed">
            {d.refreshedAt
              ? t(`数据更新于 ${fmtTime(d.refreshedAt)}`, `Figures as of ${fmtTime(d.refreshedAt)}`)
              : t('统计尚未生成', 'Not computed yet')}
          </Typography.Paragraph>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={4}>
              <Statistic
                title={t('申报数', 'Applications')}
                value={d.totals.applications}
                data-testid="stats-total-applications"
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('受理数', 'Accepted')} value={d.totals.accepted} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('立项/认定', 'Awards')} value={d.totals.awards} data-testid="stats-total-awards" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('通过率', 'Pass rate')} value={pct(d.totals.passRate)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('承诺金额', 'Committed')} value={formatFen(d.totals.committedFen)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('已拨付', 'Paid')} value={formatFen(d.totals.paidFen)} />
            </Col>
          </Row>
          <Tabs
            items={[
              tab('province', t('按省份', 'By province'), t('省份', 'Province'), d.byProvince, true),
              tab('year', t('按年度', 'By year'), t('年度', 'Year'), d.byYear, false),
              tab('program', t('按项目', 'By program'), t('项目', 'Program'), d.byProgram, false),
            ]}
          />
        </>
      )}
    </div>
  );
}

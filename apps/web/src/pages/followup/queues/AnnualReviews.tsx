import { useState } from 'react';
import { Button, InputNumber, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { ErrorBox, usePaged } from '../../../components/common';
import { annualReviewApi, type AnnualReview } from '../../../api/annualReview';
import { AnnualReviewDecision } from '../panels/AnnualReview';

const STATUSES: [string, string, string][] = [
  ['submitted', '待审核', 'Submitted'],
  ['draft', '草稿', 'Draft'],
  ['passed', '通过', 'Passed'],
  ['failed', '未通过', 'Failed'],
  ['missed', '未参加', 'Missed'],
];

/** The officer's 年审 queue: this year's filings in the officer's province, submitted first; pass or fail inline. */
export function AnnualReviewsQueue() {
  const { t } = useI18n();
  const [year, setYear] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>('submitted');
  const list = usePaged((page, pageSize) => annualReviewApi.queue({ page, pageSize, year, status }), [year, status]);
  const label = (s: string) => {
    const x = STATUSES.find((y) => y[0] === s);
    return x ? t(x[1], x[2]) : s;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="annual-reviews-queue">
      <Space wrap>
        <InputNumber
          placeholder={t('年度', 'Year')}
          aria-label={t('年度', 'Year')}
          min={2000}
          max={2100}
          precision={0}
          value={year}
          onChange={(x) => setYear((x as number) ?? undefined)}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('全部状态', 'All statuses')}
          aria-label={t('全部状态', 'All statuses')}
          value={status}
          onChange={setStatus}
          options={STATUSES.map(([value]) => ({ value, label: label(value) }))}
        />
        <Button onClick={() => void list.reload()}>{t('刷新', 'Refresh')}</Button>
      </Space>
      <ErrorBox error={list.error} />
      <Table<AnnualReview>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        expandable={{ expandedRowRender: (r) => <AnnualReviewDecision review={r} done={() => void list.reload()} /> }}
        columns={[
          { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
          {
            title: t('企业', 'Enterprise'),
            dataIndex: 'organization',
            render: (x: string, r) => <Link to={`/officer/awards/${r.awardId}`}>{x}</Link>,
          },
          { title: t('证书编号', 'Certificate'), dataIndex: 'certificateNo', render: (x: string | null) => x ?? '—' },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => <Tag>{label(s)}</Tag> },
          {
            title: t('指标', 'Rules'),
            dataIndex: 'rulesPassed',
            render: (x: boolean | null) =>
              x === null ? (
                '—'
              ) : x ? (
                <Tag color="success">{t('均达标', 'All met')}</Tag>
              ) : (
                <Tag color="error">{t('有未达标项', 'Some not met')}</Tag>
              ),
          },
          {
            title: t('换证', 'Exchange'),
            dataIndex: 'exchangeDue',
            render: (x: boolean) => (x ? <Tag color="blue">{t('需换证', 'Due')}</Tag> : '—'),
          },
          {
            title: t('提交时间', 'Filed'),
            dataIndex: 'submittedAt',
            render: (x: string | null) => (x ? x.slice(0, 10) : '—'),
          },
        ]}
      />
    </Space>
  );
}

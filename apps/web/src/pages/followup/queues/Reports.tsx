import { Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { usePrograms } from '../../../programs';
import { ErrorBox, fmtTime, usePaged } from '../../../components/common';
import { reportsApi, type ReportQueueItem } from '../../../api/reports';
import { Countdown } from '../panels/Reports';

/** Submitted reports in the officer's scope, oldest due first: each opens the award's page to accept or return it. */
export function ReportsQueue() {
  const { t, pick } = useI18n();
  const catalogue = usePrograms();
  const list = usePaged((page, pageSize) => reportsApi.queue({ status: 'submitted', page, pageSize }), []);
  return (
    <div data-testid="reports-queue">
      <ErrorBox error={list.error} />
      <Table<ReportQueueItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        columns={[
          { title: t('申报编号', 'Number'), dataIndex: 'number', render: (v: string | null) => v ?? '—' },
          { title: t('项目名称', 'Title'), dataIndex: 'title' },
          { title: t('单位', 'Organization'), dataIndex: 'organizationName' },
          { title: t('项目', 'Program'), dataIndex: 'programCode', render: (c: string) => catalogue.programName(c) },
          { title: t('报告', 'Report'), key: 'name', render: (_: unknown, r) => pick(r.name) },
          {
            title: t('截止日期', 'Due'),
            key: 'due',
            render: (_: unknown, r) => (
              <>
                {r.dueOn ?? '—'} <Countdown report={r} />
              </>
            ),
          },
          { title: t('提交时间', 'Submitted'), dataIndex: 'submittedAt', render: (v: string | null) => fmtTime(v) },
          {
            title: '',
            key: 'open',
            render: (_: unknown, r) => (
              <Link to={`/officer/awards/${r.awardId}`} data-testid={`open-report-${r.id}`}>
                {t('审核', 'Review')}
              </Link>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {t('通过报告后，对应期次的拨款即到期。', 'Accepting a report makes its instalment due.')}
      </Typography.Paragraph>
    </div>
  );
}

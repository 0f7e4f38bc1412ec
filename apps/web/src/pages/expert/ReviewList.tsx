import { Table } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, type ReviewListItem } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBox, fmtTime, PageTitle, StatusTag, usePaged } from '../../components/common';

export function ReviewListPage() {
  const { t } = useI18n();
  const list = usePaged((page, pageSize) => api.reviews({ page, pageSize }), []);
  return (
    <div>
      <PageTitle>{t('我的评审任务', 'My reviews')}</PageTitle>
      <ErrorBox error={list.error} />
      <Table<ReviewListItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="reviews-table"
        columns={[
          {
            title: t('申报编号', 'Number'),
            dataIndex: 'applicationNumber',
            width: 170,
            render: (_: string, r) => (
              <Link to={`/reviews/${r.id}`} data-testid={`review-open-${r.id}`}>
                {r.applicationNumber ?? t('评审任务', 'Review') + ' ' + r.id.slice(0, 8)}
              </Link>
            ),
          },
          {
            title: t('申报名称', 'Title'),
            dataIndex: 'applicationTitle',
            render: (x: string) => x ?? '—',
          },
          { title: t('申报批次', 'Call'), dataIndex: 'callTitle', width: 220, render: (x: string) => x ?? '—' },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 120,
            render: (s: string) => <StatusTag status={s} kind="review" />,
          },
          {
            title: t('截止时间', 'Due'),
            dataIndex: 'dueAt',
            width: 200,
            render: (d: string, r) => (
              <span
                style={{ color: r.status === 'pending' && dayjs(d).diff(dayjs(), 'hour') < 48 ? '#cf1322' : undefined }}
              >
                {fmtTime(d)}
              </span>
            ),
          },
          {
            title: t('操作', 'Actions'),
            width: 120,
            render: (_: unknown, r) => (
              <Link to={`/reviews/${r.id}`}>{r.status === 'pending' ? t('评审', 'Score') : t('查看', 'View')}</Link>
            ),
          },
        ]}
      />
    </div>
  );
}

import { Button, Select, Space, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { api, type ApplicationListItem } from '../../api';
import { APPLICATION_STATUS, useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, fmtTime, PageTitle, StatusTag, usePaged } from '../../components/common';

export function MyApplicationsPage() {
  const { t, v } = useI18n();
  const catalogue = usePrograms();
  const [status, setStatus] = useState<string | undefined>();
  const list = usePaged((page, pageSize) => api.applications({ page, pageSize, status }), [status]);
  return (
    <div>
      <PageTitle
        extra={
          <Space>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('按状态筛选', 'Filter by status')}
              aria-label={t('按状态筛选', 'Filter by status')}
              value={status}
              onChange={setStatus}
              options={Object.keys(APPLICATION_STATUS).map((s) => ({ value: s, label: v(APPLICATION_STATUS, s) }))}
              data-testid="my-apps-status"
            />
            <Link to="/calls">
              <Button type="primary">{t('新建申报', 'New application')}</Button>
            </Link>
          </Space>
        }
      >
        {t('我的申报', 'My applications')}
      </PageTitle>
      <ErrorBox error={list.error} />
      <Table<ApplicationListItem>
        rowKey="id"
        data-testid="my-apps-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        columns={[
          { title: t('申报编号', 'Number'), dataIndex: 'number', width: 160, render: (n: string) => n ?? '—' },
          {
            title: t('申报名称', 'Title'),
            dataIndex: 'title',
            render: (x: string, a) => (
              <Link to={`/applications/${a.id}`} data-testid={`app-link-${a.id}`}>
                {x || t('(未命名)', '(untitled)')}
              </Link>
            ),
          },
          {
            title: t('类别', 'Track'),
            dataIndex: 'track',
            width: 150,
            render: (x: string) => catalogue.trackName(null, x),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 130,
            render: (s: string) => <StatusTag status={s} />,
          },
          { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', width: 150, render: fmtTime },
          {
            title: t('操作', 'Actions'),
            width: 170,
            render: (_: unknown, a) => (
              <Space>
                {a.status === 'draft' || a.status === 'returned' ? (
                  <Link to={`/applications/${a.id}/edit`} data-testid={`app-edit-${a.id}`}>
                    {a.status === 'returned' ? t('修改并重新提交', 'Correct and resubmit') : t('继续填写', 'Continue')}
                  </Link>
                ) : null}
                <Link to={`/applications/${a.id}`}>{t('查看', 'View')}</Link>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}

import { Button, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBox, fmtTime, PageTitle, usePaged } from '../../components/common';

export function OutboxPage() {
  const { t } = useI18n();
  const list = usePaged((page, pageSize) => api.outbox({ page, pageSize }), []);
  return (
    <div>
      <PageTitle
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="outbox-reload">
            {t('刷新', 'Reload')}
          </Button>
        }
      >
        {t('邮件发件箱', 'Mail outbox')}
      </PageTitle>
      <ErrorBox error={list.error} />
      <Table
        rowKey="id"
        size="middle"
        data-testid="outbox-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        columns={[
          { title: t('时间', 'Time'), dataIndex: 'createdAt', width: 160, render: fmtTime },
          { title: t('收件人', 'To'), dataIndex: 'to', width: 240 },
          { title: t('主题', 'Subject'), dataIndex: 'subject' },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string) => (
              <Tag color={s === 'sent' ? 'success' : s === 'failed' ? 'error' : 'default'}>{s}</Tag>
            ),
          },
        ]}
      />
    </div>
  );
}

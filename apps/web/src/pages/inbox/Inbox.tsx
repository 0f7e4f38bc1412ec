import { App as AntApp, Button, Radio, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { inboxApi, inboxChanged, type InboxItem } from '../../api/inbox';
import { useI18n } from '../../i18n';
import { ErrorBox, errorText, fmtTime, PageTitle, usePaged } from '../../components/common';

/** A link the inbox may follow: a path of this portal, never another site. */
const portalPath = (link: string | null | undefined): string | null =>
  link && link.startsWith('/') && !link.startsWith('//') ? link : null;

/**
 * The inbox (issue 14): every mail the portal sent the signed-in user, newest first; unread in bold. Opening an item
 * marks it read and follows its link (an item without a link shows its text in place).
 */
export function InboxPage() {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [expanded, setExpanded] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const list = usePaged(
    (page, pageSize) => inboxApi.list({ page, pageSize, unread: filter === 'unread' || undefined }),
    [filter],
  );

  const markRead = async (item: InboxItem) => {
    if (item.readAt) return;
    try {
      await inboxApi.markRead(item.id);
      inboxChanged();
      await list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  const open = async (item: InboxItem) => {
    await markRead(item);
    const to = portalPath(item.link);
    if (to) navigate(to);
    else setExpanded((keys) => (keys.includes(item.id) ? keys : [...keys, item.id]));
  };

  const readAll = async () => {
    setBusy(true);
    try {
      const r = await inboxApi.markAllRead();
      message.success(t(`已将 ${r.marked} 条标为已读`, `${r.marked} marked read`));
      inboxChanged();
      await list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <Radio.Group
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              optionType="button"
              aria-label={t('显示', 'Show')}
              data-testid="inbox-filter"
              options={[
                { value: 'all', label: t('全部', 'All') },
                { value: 'unread', label: t('未读', 'Unread') },
              ]}
            />
            <Button icon={<CheckOutlined />} onClick={readAll} loading={busy} data-testid="inbox-read-all">
              {t('全部标为已读', 'Mark all read')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="inbox-reload">
              {t('刷新', 'Reload')}
            </Button>
          </Space>
        }
      >
        {t('站内消息', 'Inbox')}
      </PageTitle>
      <ErrorBox error={list.error} />
      <Table<InboxItem>
        rowKey="id"
        size="middle"
        data-testid="inbox-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        rowClassName={(r) => (r.readAt ? 'inbox-read' : 'inbox-unread')}
        onRow={(r) => ({ 'data-testid': `inbox-row-${r.id}`, 'data-read': r.readAt ? 'true' : 'false' }) as object}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
          expandedRowRender: (r) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid={`inbox-text-${r.id}`}>
              {r.text}
            </Typography.Paragraph>
          ),
        }}
        locale={{ emptyText: filter === 'unread' ? t('没有未读消息', 'Nothing unread') : t('暂无消息', 'No messages') }}
        columns={[
          { title: t('时间', 'Time'), dataIndex: 'createdAt', width: 160, render: fmtTime },
          {
            title: t('主题', 'Subject'),
            dataIndex: 'subject',
            render: (subject: string, r) => (
              <Space size={6}>
                {r.readAt ? null : (
                  <Tag color="red" data-testid="inbox-unread-tag">
                    {t('未读', 'Unread')}
                  </Tag>
                )}
                <Button
                  type="link"
                  onClick={() => open(r)}
                  data-testid="inbox-open"
                  style={{
                    padding: 0,
                    height: 'auto',
                    whiteSpace: 'normal',
                    textAlign: 'left',
                    fontWeight: r.readAt ? 400 : 600,
                  }}
                >
                  {subject}
                </Button>
              </Space>
            ),
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, r) =>
              r.readAt ? (
                <span>{t('已读', 'Read')}</span>
              ) : (
                <Button size="small" onClick={() => markRead(r)} data-testid="inbox-mark-read">
                  {t('标为已读', 'Mark read')}
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}

import { useEffect } from 'react';
import { App, Button, Card, Descriptions, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api, type Batch } from '../../api';
import { useAuth } from '../../auth';
import { ApiError } from '../../client';
import { useI18n, INSTALMENT_STATUS } from '../../i18n';
import { okProps, ErrorBox, errorText, fmtTime, PageTitle, useLoad, usePaged } from '../../components/common';
import { formatFen } from '../../money';

const BATCH_STATUS: Record<string, [string, string]> = {
  prepared: ['待审批', 'Prepared'],
  approved: ['拨付中', 'Approved, paying'],
  completed: ['已完成', 'Completed'],
};

function BatchDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, v, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const b = useLoad(() => api.batch(id), [id]);
  // An approved batch is being paid by the worker: follow it until every instalment is settled.
  const inFlight = b.data?.status === 'approved';
  const reload = b.reload;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => void reload(), 2000);
    return () => clearInterval(timer);
  }, [inFlight, reload]);
  if (b.error) return <ErrorBox error={b.error} />;
  if (!b.data) return null;
  const batch = b.data;
  const mine = me && batch.preparedBy === me.id;
  return (
    <Card
      size="small"
      title={t(`批次 ${batch.id.slice(0, 8)}`, `Batch ${batch.id.slice(0, 8)}`)}
      style={{ marginBottom: 16 }}
      data-testid="batch-detail"
      extra={
        batch.status === 'prepared' || !batch.approvedBy ? (
          <Popconfirm
            title={t('审批此批次并发送拨付？', 'Approve this batch and send the payments?')}
            okText={t('审批', 'Approve')}
            cancelText={t('取消', 'Cancel')}
            okButtonProps={okProps('batch-approve-confirm')}
            onConfirm={async () => {
              try {
                await api.approveBatch(batch.id);
                message.success(t('已审批，款项排队发送', 'Approved; payments queued'));
                void b.reload();
                onChanged();
              } catch (e) {
                if (e instanceof ApiError && e.status === 403)
                  message.error(t('编制人不能审批自己的批次', 'The preparer cannot approve their own batch'));
                else message.error(errorText(e, lang));
              }
            }}
          >
            <Button type="primary" disabled={!!mine} data-testid="batch-approve">
              {mine ? t('须由他人审批', 'Needs another approver') : t('审批', 'Approve')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      <Descriptions
        size="small"
        column={3}
        items={[
          {
            key: 's',
            label: t('状态', 'Status'),
            children: <Tag data-testid="batch-status">{v(BATCH_STATUS, batch.status)}</Tag>,
          },
          { key: 'c', label: t('笔数', 'Count'), children: batch.count },
          { key: 'tot', label: t('合计', 'Total'), children: formatFen(batch.totalFen) },
          {
            key: 'p',
            label: t('编制人', 'Prepared by'),
            children: (
              <span data-testid="batch-prepared-by">
                {mine ? `${batch.preparedByName}（${t('本人', 'you')}）` : batch.preparedByName}
              </span>
            ),
          },
          {
            key: 'a',
            label: t('审批人', 'Approved by'),
            children: <span data-testid="batch-approved-by">{batch.approvedByName ?? '—'}</span>,
          },
        ]}
      />
      {batch.byStatus ? (
        <Space wrap style={{ marginTop: 8 }} data-testid="batch-by-status">
          {Object.entries(batch.byStatus).map(([s, x]) => (
            <Tag key={s}>
              {v(INSTALMENT_STATUS, s)}: {x.count} · {formatFen(x.totalFen)}
            </Tag>
          ))}
          <Button size="small" onClick={() => b.reload()}>
            {t('刷新', 'Refresh')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}

export function BatchesPage() {
  const { t, v } = useI18n();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? undefined;
  const list = usePaged((page, pageSize) => api.batches({ page, pageSize }), []);
  return (
    <div>
      <PageTitle
        extra={
          <Input.Search
            placeholder={t('批次 ID', 'Batch id')}
            onSearch={(x) => setParams(x ? { id: x.trim() } : {})}
            style={{ width: 320 }}
            data-testid="batch-search"
          />
        }
      >
        {t('拨付批次', 'Payment batches')}
      </PageTitle>
      {id ? <BatchDetail id={id} onChanged={list.reload} /> : null}
      {list.error ? <ErrorBox error={list.error} /> : null}
      <Table<Batch>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="batches-table"
        columns={[
          {
            title: 'ID',
            dataIndex: 'id',
            width: 120,
            render: (x: string) => (
              <a onClick={() => setParams({ id: x })} data-testid={`batch-open-${x}`}>
                {x.slice(0, 8)}
              </a>
            ),
          },
          { title: t('编制时间', 'Prepared'), dataIndex: 'createdAt', width: 150, render: fmtTime },
          { title: t('期次', 'Instalment'), dataIndex: 'instalmentNo', width: 80 },
          { title: t('笔数', 'Count'), dataIndex: 'count', width: 80 },
          { title: t('合计', 'Total'), dataIndex: 'totalFen', width: 150, align: 'right', render: formatFen },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string) => <Tag>{v(BATCH_STATUS, s)}</Tag>,
          },
          { title: t('编制人', 'Prepared by'), dataIndex: 'preparedByName', ellipsis: true },
          {
            title: t('审批人', 'Approved by'),
            dataIndex: 'approvedByName',
            ellipsis: true,
            render: (x: string | null) => x ?? '—',
          },
        ]}
      />
    </div>
  );
}

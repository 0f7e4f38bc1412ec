import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { api, type BankReturnProposal, type Batch } from '../../api';
import { useAuth } from '../../auth';
import { ApiError, downloadFile, uploadMultipart } from '../../client';
import { adminApi, type BankReturn } from '../../api/admin';
import { useI18n, INSTALMENT_STATUS } from '../../i18n';
import { okProps, ErrorBox, errorText, fmtTime, PageTitle, useLoad, usePaged } from '../../components/common';
import { formatFen } from '../../money';

const BATCH_STATUS: Record<string, [string, string]> = {
  prepared: ['待审批', 'Prepared'],
  approved: ['拨付中', 'Approved, paying'],
  completed: ['已完成', 'Completed'],
};

const PROPOSAL_STATUS: Record<string, [string, string]> = {
  proposed: ['待复核', 'Awaiting approval'],
  applied: ['已复核', 'Applied'],
};

/**
 * The failed lines of the batch's imported bank returns (a call with paymentDualControl): each waits for a finance user
 * other than the importer, whose approve button is disabled with the reason (the server refuses too).
 */
function ReturnProposals({ batchId, onChanged }: { batchId: string; onChanged: () => void }) {
  const { t, v, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const proposals = useLoad(() => api.returnProposals(batchId), [batchId]);
  if (proposals.error) return <ErrorBox error={proposals.error} />;
  if (!proposals.data?.length) return null;
  return (
    <Table<BankReturnProposal>
      size="small"
      rowKey="id"
      style={{ marginTop: 12 }}
      pagination={false}
      dataSource={proposals.data}
      data-testid="batch-return-proposals"
      title={() =>
        t('银行回单失败行（须另一名财务人员复核）', 'Failed lines of bank returns (a second finance user applies them)')
      }
      expandable={{
        expandedRowRender: (r) => (
          <Table
            size="small"
            rowKey="line"
            pagination={false}
            dataSource={r.lines}
            columns={[
              { title: t('行', 'Line'), dataIndex: 'line', width: 60 },
              { title: t('收款单位', 'Payee'), dataIndex: 'organizationName', render: (x: string | null) => x ?? '—' },
              {
                title: t('金额', 'Amount'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (x: number | null) => (x === null ? '—' : formatFen(x)),
              },
              { title: t('银行说明', 'Reason'), dataIndex: 'reason', render: (x: string | null) => x ?? '' },
              {
                title: t('款项状态', 'Instalment'),
                dataIndex: 'instalmentStatus',
                render: (x: string | null) => (x ? v(INSTALMENT_STATUS, x) : '—'),
              },
            ]}
          />
        ),
      }}
      columns={[
        {
          title: t('状态', 'Status'),
          dataIndex: 'status',
          width: 100,
          render: (s: string) => (
            <Tag color={s === 'proposed' ? 'orange' : undefined} data-testid="return-proposal-status">
              {v(PROPOSAL_STATUS, s)}
            </Tag>
          ),
        },
        { title: t('导入人', 'Imported by'), dataIndex: 'proposedByName' },
        { title: t('导入时间', 'Imported'), dataIndex: 'proposedAt', width: 150, render: fmtTime },
        { title: t('失败笔数', 'Failed lines'), width: 90, render: (_: unknown, r) => r.lines.length },
        {
          title: t('复核人', 'Applied by'),
          dataIndex: 'decidedByName',
          render: (x: string | null) => x ?? '—',
        },
        {
          title: t('操作', 'Actions'),
          width: 150,
          render: (_: unknown, r) => {
            if (r.status !== 'proposed') return null;
            const mine = me?.id === r.proposedBy;
            const button = (
              <Button size="small" type="primary" disabled={mine} data-testid={`return-approve-${r.id}`}>
                {mine ? t('须由他人复核', 'Needs another user') : t('复核并记为失败', 'Apply as failed')}
              </Button>
            );
            if (mine)
              return (
                <Tooltip
                  title={t(
                    '回单由您导入，其中的失败行须由另一名财务人员复核',
                    'You imported this return; another finance user must apply its failed lines',
                  )}
                >
                  <span>{button}</span>
                </Tooltip>
              );
            return (
              <Popconfirm
                title={t(
                  '将这些款项记为失败？记为失败后可重试拨付。',
                  'Record these payments as failed? They can then be retried.',
                )}
                okText={t('确认', 'Apply')}
                cancelText={t('取消', 'Cancel')}
                okButtonProps={okProps('return-approve-confirm')}
                onConfirm={async () => {
                  try {
                    await api.approveReturn(batchId, r.id);
                    message.success(t('已复核，款项记为失败', 'Applied: the payments are recorded as failed'));
                    void proposals.reload();
                    onChanged();
                  } catch (e) {
                    message.error(errorText(e, lang));
                  }
                }}
              >
                {button}
              </Popconfirm>
            );
          },
        },
      ]}
    />
  );
}

/**
 * The bank-file rail (an approved batch): export the payment file for online banking (its instalments go to sending),
 * then import the bank's return file (CSV: instalmentId,status,reference,reason). Paid lines are recorded at once;
 * failed lines too, or — on a call with dual control — they wait for a second finance user (the proposals below).
 */
function BankFilePanel({ batch, onChanged }: { batch: Batch; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BankReturn | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (batch.status === 'prepared' || (batch.rail && batch.rail !== 'bank-file')) return null;
  return (
    <div style={{ marginTop: 12 }} data-testid="batch-bank-file">
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          loading={busy}
          data-testid="batch-export"
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await downloadFile(adminApi.bankFilePath(batch.id), `batch-${batch.id.slice(0, 8)}.csv`);
              message.success(t('银行文件已导出，款项进入发送中', 'Bank file exported; the payments are being sent'));
              onChanged();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          {batch.exportedAt
            ? t('重新导出银行文件', 'Export the bank file again')
            : t('导出银行文件', 'Export bank file')}
        </Button>
        <label htmlFor={`bank-return-${batch.id}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <UploadOutlined />
          {t('导入银行回单（CSV）', 'Import the bank return (CSV)')}
        </label>
        <input
          id={`bank-return-${batch.id}`}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          data-testid="batch-return-file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            const form = new FormData();
            form.append('file', f);
            setBusy(true);
            setError(null);
            setResult(null);
            try {
              const r = await uploadMultipart<BankReturn>(adminApi.bankReturnPath(batch.id), form).promise;
              setResult(r);
              onChanged();
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        />
        {batch.exportedAt ? (
          <span data-testid="batch-exported-at">
            {t('导出于', 'Exported')} {fmtTime(batch.exportedAt)}
          </span>
        ) : null}
      </Space>
      <ErrorBox error={error} onClose={() => setError(null)} />
      {result ? (
        <Alert
          style={{ marginTop: 8 }}
          type={result.ignored.length ? 'warning' : 'success'}
          showIcon
          data-testid="batch-return-result"
          title={t(
            `回单已导入：成功 ${result.paid} 笔，失败 ${result.failed} 笔，待复核失败 ${result.pendingFailed} 笔，忽略 ${result.ignored.length} 行`,
            `Return imported: ${result.paid} paid, ${result.failed} failed, ` +
              `${result.pendingFailed} failed awaiting a second user, ${result.ignored.length} line(s) ignored`,
          )}
          description={
            result.ignored.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {result.ignored.map((x) => (
                  <li key={x.line}>
                    {t(`第 ${x.line} 行：`, `Line ${x.line}: `)}
                    {x.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
    </div>
  );
}

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
          {
            key: 'dc',
            label: t('拨付双人复核', 'Dual control'),
            children: (
              <span data-testid="batch-dual-control">
                {batch.paymentDualControl
                  ? t('开启：重试与回单失败行须另一人复核', 'On: retries and failed return lines need a second user')
                  : t('关闭', 'Off')}
              </span>
            ),
          },
        ]}
      />
      <BankFilePanel
        batch={batch}
        onChanged={() => {
          void b.reload();
          onChanged();
        }}
      />
      <ReturnProposals
        key={`${batch.id}-${batch.pendingReturnProposals}`}
        batchId={batch.id}
        onChanged={() => {
          void b.reload();
          onChanged();
        }}
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
            width: 170,
            render: (s: string, r) => (
              <Space size={4}>
                <Tag>{v(BATCH_STATUS, s)}</Tag>
                {r.pendingReturnProposals ? (
                  <Tag color="orange" data-testid={`batch-pending-returns-${r.id}`}>
                    {t(`待复核回单 ${r.pendingReturnProposals}`, `${r.pendingReturnProposals} return(s) to apply`)}
                  </Tag>
                ) : null}
              </Space>
            ),
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

import { useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Table } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type BatchResult, type Instalment } from '../../api';
import { useAuth } from '../../auth';
import { INSTALMENT_STATUS, useI18n } from '../../i18n';
import { ErrorBox, errorText, PageTitle, StatusTag, usePaged } from '../../components/common';
import { formatFen } from '../../money';
import { CallSelect, useCalls } from '../officer/CallsAdmin';

export function PaymentsPage() {
  const { t, v, lang } = useI18n();
  const { has } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? undefined;
  const status = params.get('status') ?? undefined;
  const calls = useCalls();
  const list = usePaged((page, pageSize) => api.payments({ page, pageSize, callId, status }), [callId, status]);
  const [batchForm] = Form.useForm();
  const [batch, setBatch] = useState<BatchResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const finance = has('finance');

  const set = (k: string, val: string | undefined) => {
    const p = new URLSearchParams(params);
    if (val) p.set(k, val);
    else p.delete(k);
    setParams(p, { replace: true });
  };

  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <CallSelect calls={calls.data ?? []} value={callId} onChange={(x) => set('callId', x)} />
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('状态', 'Status')}
              value={status}
              onChange={(x) => set('status', x)}
              data-testid="payments-status"
              options={Object.keys(INSTALMENT_STATUS).map((s) => ({ value: s, label: v(INSTALMENT_STATUS, s) }))}
            />
            <Button onClick={() => set('status', 'failed')} data-testid="payments-failed">
              {t('只看失败', 'Failures only')}
            </Button>
          </Space>
        }
      >
        {t('拨付管理', 'Instalments')}
      </PageTitle>
      <ErrorBox error={error || list.error} onClose={() => setError(null)} />
      {finance ? (
        <Card size="small" title={t('编制拨付批次', 'Prepare a batch')} style={{ marginBottom: 16 }}>
          <Form
            form={batchForm}
            layout="inline"
            initialValues={{ instalmentNo: 1 }}
            onFinish={async (vals) => {
              setBusy(true);
              setError(null);
              try {
                const r = await api.prepareBatch(vals.callId, vals.instalmentNo);
                setBatch(r);
                message.success(
                  t('批次已编制，请由另一位财务人员审批', 'Batch prepared; another finance officer must approve it'),
                );
                void list.reload();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            <Form.Item name="callId" rules={[{ required: true, message: t('请选择批次', 'Choose a call') }]}>
              <CallSelect calls={calls.data ?? []} />
            </Form.Item>
            <Form.Item name="instalmentNo" label={t('期次', 'Instalment')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10} precision={0} data-testid="batch-instalment" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="batch-prepare">
              {t('编制批次', 'Prepare')}
            </Button>
          </Form>
          {batch ? (
            <div style={{ marginTop: 12 }} data-testid="batch-prepared">
              <Alert
                type="success"
                showIcon
                title={t(
                  `批次 ${batch.id.slice(0, 8)}：${batch.count} 笔，合计 ${formatFen(batch.totalFen)}`,
                  `Batch ${batch.id.slice(0, 8)}: ${batch.count} payments, ${formatFen(batch.totalFen)}`,
                )}
                action={<Link to={`/finance/batches?id=${batch.id}`}>{t('查看批次', 'Open batch')}</Link>}
              />
              {batch.skipped?.length ? (
                <Table
                  size="small"
                  rowKey="instalmentId"
                  style={{ marginTop: 8 }}
                  pagination={false}
                  dataSource={batch.skipped}
                  data-testid="batch-skipped"
                  columns={[
                    { title: t('跳过的款项', 'Skipped instalment'), dataIndex: 'instalmentId' },
                    { title: t('原因', 'Reason'), dataIndex: 'reason' },
                  ]}
                />
              ) : null}
            </div>
          ) : null}
        </Card>
      ) : null}
      <Table<Instalment>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="payments-table"
        columns={[
          {
            title: t('立项', 'Award'),
            dataIndex: 'awardId',
            width: 120,
            render: (x: string) => <Link to={`/awards/${x}/ledger`}>{x.slice(0, 8)}…</Link>,
          },
          {
            title: t('申报', 'Application'),
            dataIndex: 'applicationId',
            width: 120,
            render: (x: string) => <code>{x.slice(0, 8)}</code>,
          },
          { title: t('期次', 'No.'), dataIndex: 'instalmentNo', width: 60 },
          { title: t('金额', 'Amount'), dataIndex: 'amountFen', width: 140, align: 'right', render: formatFen },
          { title: t('应付日期', 'Due on'), dataIndex: 'dueOn', width: 110, render: (d: string) => d ?? '—' },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) => <StatusTag status={s} kind="instalment" />,
          },
          { title: t('失败原因', 'Failure'), dataIndex: 'failure', render: (x: string) => x ?? '' },
          {
            title: t('操作', 'Actions'),
            width: 90,
            render: (_: unknown, p) =>
              p.status === 'failed' && finance ? (
                <Button
                  size="small"
                  data-testid={`payment-retry-${p.id}`}
                  onClick={async () => {
                    try {
                      await api.retryPayment(p.id);
                      message.success(t('已重新发送', 'Sent again'));
                      void list.reload();
                    } catch (e) {
                      message.error(errorText(e, lang));
                    }
                  }}
                >
                  {t('重试', 'Retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tooltip } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type BatchResult, type Instalment } from '../../api';
import { useAuth } from '../../auth';
import { INSTALMENT_STATUS, useI18n } from '../../i18n';
import { ErrorBox, errorText, okProps, PageTitle, StatusTag, usePaged } from '../../components/common';
import { formatFen } from '../../money';
import { CallSelect, useCalls } from '../officer/CallsAdmin';
import { adminApi } from '../../api/admin';
import { provinceColumn, ProvinceSelect } from '../../provinces';

/** A recovering instalment's money came back: finance records it with the bank's reference of the repayment. */
function RecoveredModal({ instalment, onClose }: { instalment: Instalment; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={t('记为已追回', 'Record as recovered')}
      okText={t('确认', 'Confirm')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={okProps('recovered-save', { disabled: !reference.trim() })}
      onCancel={() => onClose(false)}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await adminApi.recovered(instalment.id, reference.trim(), note.trim() || undefined);
          message.success(t('已记为追回', 'Recorded as recovered'));
          onClose(true);
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorBox error={error} />
      <p>
        {t('追回金额', 'Amount recovered')}: {formatFen(instalment.recoveryFen ?? instalment.amountFen)}
      </p>
      <label htmlFor="recovered-reference">{t('银行流水号（退款凭证）', 'Bank reference of the repayment')}</label>
      <Input
        id="recovered-reference"
        value={reference}
        maxLength={100}
        onChange={(e) => setReference(e.target.value)}
        data-testid="recovered-reference"
        style={{ marginBottom: 12 }}
      />
      <label htmlFor="recovered-note">{t('备注', 'Note')}</label>
      <Input.TextArea
        id="recovered-note"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="recovered-note"
      />
    </Modal>
  );
}

export function PaymentsPage() {
  const { t, v, lang } = useI18n();
  const { has, me } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? undefined;
  const status = params.get('status') ?? undefined;
  const retryProposed = params.get('retryProposed') ?? undefined;
  const province = params.get('province') ?? undefined;
  const calls = useCalls();
  const list = usePaged(
    (page, pageSize) => api.payments({ page, pageSize, callId, status, retryProposed, province }),
    [callId, status, retryProposed, province],
  );
  const [batchForm] = Form.useForm();
  const [batch, setBatch] = useState<BatchResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const finance = has('finance');
  const [recovering, setRecovering] = useState<Instalment | null>(null);

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
            <ProvinceSelect value={province} onChange={(x) => set('province', x)} />
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('状态', 'Status')}
              aria-label={t('状态', 'Status')}
              value={status}
              onChange={(x) => set('status', x)}
              data-testid="payments-status"
              options={Object.keys(INSTALMENT_STATUS).map((s) => ({ value: s, label: v(INSTALMENT_STATUS, s) }))}
            />
            <Button onClick={() => set('status', 'failed')} data-testid="payments-failed">
              {t('只看失败', 'Failures only')}
            </Button>
            <Button onClick={() => set('status', 'recovering')} data-testid="payments-recovering">
              {t('待追回', 'To recover')}
            </Button>
            <Button
              type={retryProposed ? 'primary' : 'default'}
              onClick={() => set('retryProposed', retryProposed ? undefined : 'true')}
              data-testid="payments-retry-proposed"
            >
              {t('待批准重试', 'Retries to approve')}
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
          provinceColumn<Instalment>(t, lang),
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
            width: 130,
            // A call without dual control: one finance user retries (back to sending at once). With paymentDualControl:
            // one proposes, another approves — the proposer's button is disabled with the reason (the server refuses too).
            render: (_: unknown, p) => {
              if (p.status === 'recovering' && finance)
                return (
                  <Button size="small" onClick={() => setRecovering(p)} data-testid={`payment-recovered-${p.id}`}>
                    {t('记为已追回', 'Recovered')}
                  </Button>
                );
              if (p.status !== 'failed' || !finance) return null;
              if (p.retryProposedBy) {
                const mine = me?.id === p.retryProposedBy;
                const button = (
                  <Button
                    size="small"
                    type="primary"
                    disabled={mine}
                    data-testid={`payment-retry-approve-${p.id}`}
                    onClick={async () => {
                      try {
                        await api.approveRetry(p.id);
                        message.success(t('已批准重试，重新发送', 'Retry approved: sent again'));
                        void list.reload();
                      } catch (e) {
                        message.error(errorText(e, lang));
                      }
                    }}
                  >
                    {mine ? t('待他人批准', 'Awaits another user') : t('批准重试', 'Approve retry')}
                  </Button>
                );
                return mine ? (
                  <Tooltip
                    title={t(
                      '重试由您提出，须由另一名财务人员批准',
                      'You proposed this retry; another finance user must approve it',
                    )}
                  >
                    <span>{button}</span>
                  </Tooltip>
                ) : (
                  button
                );
              }
              return (
                <Button
                  size="small"
                  data-testid={`payment-retry-${p.id}`}
                  onClick={async () => {
                    try {
                      const r = await api.retryPayment(p.id);
                      message.success(
                        r.status === 'failed'
                          ? t('已提出重试，待另一名财务人员批准', 'Retry proposed: another finance user approves it')
                          : t('已重新发送', 'Sent again'),
                      );
                      void list.reload();
                    } catch (e) {
                      message.error(errorText(e, lang));
                    }
                  }}
                >
                  {t('重试', 'Retry')}
                </Button>
              );
            },
          },
        ]}
      />
      {recovering ? (
        <RecoveredModal
          instalment={recovering}
          onClose={(saved) => {
            setRecovering(null);
            if (saved) void list.reload();
          }}
        />
      ) : null}
    </div>
  );
}

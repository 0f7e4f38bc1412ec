import { useState } from 'react';
import { Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { ErrorBox, FormModal, fmtTime, usePaged } from '../../../components/common';
import { reportsApi, type ReportQueueItem, type ReportWarning } from '../../../api/reports';
import { Countdown } from '../panels/Reports';

/**
 * Overdue reports (past their due day, not accepted: the award's remaining instalments are held) and the warnings
 * raised 60 days after the due day, which the officer confirms (a `violation` flag on the organization) or dismisses.
 */
export function OverdueQueue() {
  const { t, pick } = useI18n();
  const overdue = usePaged((page, pageSize) => reportsApi.queue({ overdue: 'true', page, pageSize }), []);
  const warnings = usePaged((page, pageSize) => reportsApi.warnings({ status: 'open', page, pageSize }), []);
  const [deciding, setDeciding] = useState<{ w: ReportWarning; action: 'confirm' | 'dismiss' } | null>(null);
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const decide = async (note: string) => {
    if (!deciding) return;
    setBusy(true);
    setError(null);
    try {
      if (deciding.action === 'confirm') await reportsApi.confirmWarning(deciding.w.id, note);
      else await reportsApi.dismissWarning(deciding.w.id, note);
      setDeciding(null);
      await warnings.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="overdue-queue">
      <Card size="small" title={t('逾期报告', 'Overdue reports')}>
        <ErrorBox error={overdue.error} />
        <Table<ReportQueueItem>
          rowKey="id"
          size="small"
          loading={overdue.loading}
          dataSource={overdue.items}
          pagination={overdue.pagination}
          columns={[
            { title: t('申报编号', 'Number'), dataIndex: 'number', render: (v: string | null) => v ?? '—' },
            { title: t('项目名称', 'Title'), dataIndex: 'title' },
            { title: t('单位', 'Organization'), dataIndex: 'organizationName' },
            { title: t('报告', 'Report'), key: 'name', render: (_: unknown, r) => pick(r.name) },
            {
              title: t('截止日期', 'Due'),
              key: 'due',
              render: (_: unknown, r) => (
                <>
                  {r.dueOn} <Countdown report={r} />
                </>
              ),
            },
            { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
            {
              title: '',
              key: 'open',
              render: (_: unknown, r) => <Link to={`/officer/awards/${r.awardId}`}>{t('查看', 'Open')}</Link>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('逾期 60 天预警', 'Warnings (60 days overdue)')}>
        <ErrorBox error={warnings.error} />
        <Table<ReportWarning>
          rowKey="id"
          size="small"
          loading={warnings.loading}
          dataSource={warnings.items}
          pagination={warnings.pagination}
          columns={[
            { title: t('申报编号', 'Number'), dataIndex: 'number', render: (v: string | null) => v ?? '—' },
            { title: t('项目名称', 'Title'), dataIndex: 'title' },
            { title: t('单位', 'Organization'), dataIndex: 'organizationName' },
            { title: t('报告', 'Report'), dataIndex: 'kind' },
            { title: t('截止日期', 'Due'), dataIndex: 'dueOn' },
            { title: t('预警时间', 'Raised'), dataIndex: 'raisedAt', render: (v: string) => fmtTime(v) },
            {
              title: '',
              key: 'act',
              render: (_: unknown, w) => (
                <Space>
                  <Button
                    size="small"
                    danger
                    data-testid={`warning-confirm-${w.id}`}
                    onClick={() => setDeciding({ w, action: 'confirm' })}
                  >
                    {t('确认（记违规）', 'Confirm (violation)')}
                  </Button>
                  <Button
                    size="small"
                    data-testid={`warning-dismiss-${w.id}`}
                    onClick={() => setDeciding({ w, action: 'dismiss' })}
                  >
                    {t('撤销预警', 'Dismiss')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {deciding ? (
        <FormModal
          form={form}
          title={
            deciding.action === 'confirm' ? t('确认预警', 'Confirm the warning') : t('撤销预警', 'Dismiss the warning')
          }
          okTestId="warning-ok"
          busy={busy}
          error={error}
          onCancel={() => setDeciding(null)}
        >
          <Form form={form} layout="vertical" onFinish={(v) => void decide((v.note ?? '').trim())}>
            <Form.Item name="note" label={t('说明', 'Note')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
        </FormModal>
      ) : null}
    </Space>
  );
}

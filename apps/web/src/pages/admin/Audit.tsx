/*
 * 审计日志: the audit chain, newest first — filter by actor (e-mail or id), entity type and id, action (or its start,
 * "user."), and a time range; "verify chain" runs the verifier (at most 50,000 events per request: the page goes on
 * from where the last stretch stopped until the head) and shows its result.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { adminApi, type AuditEvent, type ChainCheck } from '../../api/admin';
import { useI18n } from '../../i18n';
import { ErrorBox, fmtTime, PageTitle, usePaged } from '../../components/common';

interface Filters {
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

function ChainVerifier() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<(ChainCheck & { total: number }) | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      let total = 0;
      let r = await adminApi.verifyAudit();
      total += r.checked;
      // each request checks at most 50,000 events: go on from where it stopped, until the head or a break
      while (r.ok && !r.complete && r.nextSeq) {
        setResult({ ...r, total });
        r = await adminApi.verifyAudit(r.nextSeq);
        total += r.checked;
      }
      setResult({ ...r, total });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Space align="start" wrap>
        <Button icon={<SafetyCertificateOutlined />} onClick={run} loading={busy} data-testid="audit-verify">
          {t('校验哈希链', 'Verify chain')}
        </Button>
        <ErrorBox error={error} />
        {result ? (
          <Alert
            data-testid="audit-verify-result"
            type={result.ok ? (result.complete ? 'success' : 'info') : 'error'}
            showIcon
            title={
              result.ok
                ? result.complete
                  ? t(
                      `哈希链完整：已校验 ${result.total} 条事件（至第 ${result.headSeq} 条）`,
                      `Chain intact: ${result.total} events verified (up to #${result.headSeq})`,
                    )
                  : t(`校验中：已校验 ${result.total} 条…`, `Verifying: ${result.total} events so far…`)
                : t(
                    `哈希链断裂于第 ${result.brokenAt} 条事件：${result.reason ?? ''}`,
                    `Chain broken at event #${result.brokenAt}: ${result.reason ?? ''}`,
                  )
            }
            description={t(`用时 ${result.tookMs} 毫秒（最后一段）`, `${result.tookMs} ms (last stretch)`)}
          />
        ) : null}
      </Space>
    </Card>
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [filters, setFilters] = useState<Filters>({});
  const list = usePaged((page, pageSize) => adminApi.audit({ page, pageSize, ...filters }), [filters], 50);
  return (
    <div>
      <PageTitle>{t('审计日志', 'Audit log')}</PageTitle>
      <ChainVerifier />
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        data-testid="audit-filters"
        onFinish={(v: {
          actor?: string;
          entityType?: string;
          entityId?: string;
          action?: string;
          range?: [Dayjs | null, Dayjs | null] | null;
        }) =>
          setFilters({
            actor: v.actor?.trim() || undefined,
            entityType: v.entityType?.trim() || undefined,
            entityId: v.entityId?.trim() || undefined,
            action: v.action?.trim() || undefined,
            from: v.range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: v.range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
      >
        <Form.Item name="actor" label={t('操作人', 'Actor')}>
          <Input placeholder={t('邮箱或用户 ID', 'E-mail or user id')} data-testid="audit-actor" allowClear />
        </Form.Item>
        <Form.Item name="entityType" label={t('对象类型', 'Entity type')}>
          <Input placeholder="app_user" data-testid="audit-entity-type" allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="entityId" label={t('对象 ID', 'Entity id')}>
          <Input data-testid="audit-entity-id" allowClear />
        </Form.Item>
        <Form.Item name="action" label={t('动作', 'Action')}>
          <Input placeholder="user." data-testid="audit-action" allowClear style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="range" label={t('日期', 'Dates')}>
          <DatePicker.RangePicker data-testid="audit-range" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('查询', 'Search')}
        </Button>
      </Form>
      <ErrorBox error={list.error} />
      <Table<AuditEvent>
        rowKey="seq"
        size="small"
        data-testid="audit-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        expandable={{
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(e.data, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 80 },
          { title: t('时间', 'Time'), dataIndex: 'at', width: 160, render: fmtTime },
          {
            title: t('操作人', 'Actor'),
            width: 200,
            render: (_: unknown, e) =>
              e.actorId ? (
                <span title={e.actorId}>{e.actorName ?? e.actorId.slice(0, 8)}</span>
              ) : (
                <Typography.Text type="secondary">{t('系统', 'system')}</Typography.Text>
              ),
          },
          { title: t('动作', 'Action'), dataIndex: 'action', render: (x: string) => <code>{x}</code> },
          { title: t('对象类型', 'Entity type'), dataIndex: 'entityType', width: 150 },
          {
            title: t('对象 ID', 'Entity id'),
            dataIndex: 'entityId',
            ellipsis: true,
            render: (x: string | null) => x ?? '—',
          },
        ]}
      />
    </div>
  );
}

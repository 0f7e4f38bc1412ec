import { useState } from 'react';
import { App, Button, Card, Divider, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { agreementsApi, type Change, type ChangeKind, type ChangeRequest } from '../../../api/agreements';
import { useAuth } from '../../../auth';
import { useI18n } from '../../../i18n';
import { DateInput, ErrorBox, errorText, fmtTime, MoneyInput, okProps, useLoad } from '../../../components/common';
import { formatFen } from '../../../money';
import type { AwardPanelProps } from './types';

type T = (zh: string, en: string) => string;

export const CHANGE_KINDS: ChangeKind[] = ['title', 'schedule', 'content', 'team', 'budget'];

export function changeKindLabel(kind: string, t: T): string {
  return (
    {
      title: t('项目名称', 'Title'),
      schedule: t('进度（计划完成日期）', 'Schedule (plan end)'),
      content: t('内容', 'Content'),
      team: t('团队', 'Team'),
      budget: t('预算', 'Budget lines'),
    }[kind] ?? kind
  );
}

export function changeStatusLabel(status: string, t: T): string {
  return (
    {
      pending: t('待审核', 'Pending'),
      approved: t('已批准', 'Approved'),
      rejected: t('未批准', 'Rejected'),
      withdrawn: t('已撤回', 'Withdrawn'),
    }[status] ?? status
  );
}

const STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** What a change proposes, in one line. */
export function changeSummary(c: Pick<Change, 'kind' | 'proposed'>): string {
  const p = c.proposed as {
    title?: string;
    planEndsOn?: string;
    text?: string;
    lines?: { item: string; amountFen: number }[];
  };
  if (c.kind === 'title') return `“${p.title ?? ''}”`;
  if (c.kind === 'schedule') return p.planEndsOn ?? '';
  const lines = (p.lines ?? []).map((l) => `${l.item} ${formatFen(l.amountFen)}`).join('；');
  return [p.text, lines].filter(Boolean).join('；');
}

interface ChangeFormValues {
  kind: ChangeKind;
  reason: string;
  title?: string;
  planEndsOn?: string;
  text?: string;
  lines?: { item: string; amountFen: number }[];
}

function proposalOf(v: ChangeFormValues): Record<string, unknown> {
  if (v.kind === 'title') return { title: v.title?.trim() };
  if (v.kind === 'schedule') return { planEndsOn: v.planEndsOn };
  if (v.kind === 'budget') {
    const lines = (v.lines ?? []).filter((l) => l?.item);
    return { ...(v.text?.trim() ? { text: v.text.trim() } : {}), ...(lines.length ? { lines } : {}) };
  }
  return { text: v.text?.trim() };
}

/** Decide a change (officer): approve with an optional note, reject with a required one. */
export function useChangeDecision(after: () => void) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<{ change: Change; approve: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ note?: string }>();
  const modal = (
    <Modal
      open={!!deciding}
      title={deciding?.approve ? t('批准变更', 'Approve the change') : t('不予批准', 'Reject the change')}
      onCancel={() => setDeciding(null)}
      onOk={() => form.submit()}
      okText={deciding?.approve ? t('批准', 'Approve') : t('不予批准', 'Reject')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={okProps('change-decision-confirm', { danger: !deciding?.approve })}
      confirmLoading={busy}
      destroyOnHidden
    >
      <ErrorBox error={error} />
      {deciding ? (
        <p>
          {changeKindLabel(deciding.change.kind, t)}: {changeSummary(deciding.change)}
        </p>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          if (!deciding) return;
          setBusy(true);
          setError(null);
          try {
            if (deciding.approve) await agreementsApi.approveChange(deciding.change.id, v.note?.trim() || undefined);
            else await agreementsApi.rejectChange(deciding.change.id, (v.note ?? '').trim());
            message.success(deciding.approve ? t('已批准', 'Approved') : t('已驳回', 'Rejected'));
            setDeciding(null);
            after();
          } catch (e) {
            setError(e);
            message.error(errorText(e, lang));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="note"
          label={t('意见', 'Note')}
          rules={
            deciding?.approve ? [] : [{ required: true, whitespace: true, message: t('请填写理由', 'Give a reason') }]
          }
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="change-decision-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
  return { open: (change: Change, approve: boolean) => setDeciding({ change, approve }), modal };
}

/**
 * 变更 (issue 13): the grantee requests a change of title, schedule, content, team or budget lines with a reason and
 * may withdraw a pending one; an officer approves or rejects it. Approved changes show on the agreement.
 */
export function ChangesPanel({ award, reload }: AwardPanelProps) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const hasMoney = !!award.amountFen;
  const data = useLoad(async () => (hasMoney ? agreementsApi.changes(award.id) : []), [award.id, hasMoney]);
  const [form] = Form.useForm<ChangeFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form);
  const after = () => {
    void data.reload();
    reload();
  };
  const decision = useChangeDecision(after);
  if (!hasMoney) return null;
  const isOfficer = !!me?.roles.includes('officer');
  const isGrantee = !!me?.organizationId && !me.roles.some((r) => r === 'officer' || r === 'finance');
  const items = data.data ?? [];

  return (
    <Card size="small" title={t('变更', 'Changes')} data-testid="changes-panel">
      <ErrorBox error={data.error} />
      <Table<Change>
        rowKey="id"
        size="small"
        pagination={false}
        loading={data.loading}
        dataSource={items}
        data-testid="changes-table"
        locale={{ emptyText: t('暂无变更申请', 'No change requests') }}
        columns={[
          { title: t('类别', 'Kind'), dataIndex: 'kind', width: 150, render: (k: string) => changeKindLabel(k, t) },
          { title: t('变更内容', 'Proposal'), render: (_: unknown, c) => changeSummary(c) },
          { title: t('理由', 'Reason'), dataIndex: 'reason' },
          { title: t('申请时间', 'Requested'), dataIndex: 'requestedAt', width: 150, render: fmtTime },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string, c) => (
              <Tag color={STATUS_COLOR[s]} data-testid={`change-status-${c.id}`}>
                {changeStatusLabel(s, t)}
              </Tag>
            ),
          },
          { title: t('审核意见', 'Note'), dataIndex: 'decisionNote', render: (x: string | null) => x ?? '' },
          {
            title: t('操作', 'Actions'),
            width: 180,
            render: (_: unknown, c) =>
              c.status !== 'pending' ? null : (
                <Space size={4}>
                  {isOfficer ? (
                    <>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => decision.open(c, true)}
                        data-testid={`change-approve-${c.id}`}
                      >
                        {t('批准', 'Approve')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => decision.open(c, false)}
                        data-testid={`change-reject-${c.id}`}
                      >
                        {t('驳回', 'Reject')}
                      </Button>
                    </>
                  ) : null}
                  {isGrantee ? (
                    <Button
                      size="small"
                      onClick={() =>
                        agreementsApi
                          .withdrawChange(c.id)
                          .then(after)
                          .catch((e) => message.error(errorText(e, lang)))
                      }
                      data-testid={`change-withdraw-${c.id}`}
                    >
                      {t('撤回', 'Withdraw')}
                    </Button>
                  ) : null}
                </Space>
              ),
          },
        ]}
      />
      {isGrantee && award.status === 'active' ? (
        <Form<ChangeFormValues>
          form={form}
          layout="vertical"
          style={{ marginTop: 16, maxWidth: 640 }}
          initialValues={{ kind: 'schedule' }}
          data-testid="change-form"
          onFinish={async (v) => {
            setBusy(true);
            setError(null);
            try {
              const body = { kind: v.kind, reason: v.reason.trim(), proposed: proposalOf(v) } as ChangeRequest;
              await agreementsApi.requestChange(award.id, body);
              message.success(t('变更申请已提交', 'Change requested'));
              form.resetFields();
              after();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Divider titlePlacement="start" plain>
            {t('申请变更', 'Request a change')}
          </Divider>
          <ErrorBox error={error} onClose={() => setError(null)} />
          <Form.Item name="kind" label={t('变更类别', 'Kind of change')} rules={[{ required: true }]}>
            <Select
              data-testid="change-kind"
              options={CHANGE_KINDS.map((k) => ({ value: k, label: changeKindLabel(k, t) }))}
            />
          </Form.Item>
          {kind === 'title' ? (
            <Form.Item name="title" label={t('新项目名称', 'New title')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} data-testid="change-title" />
            </Form.Item>
          ) : null}
          {kind === 'schedule' ? (
            <Form.Item name="planEndsOn" label={t('新的计划完成日期', 'New plan end')} rules={[{ required: true }]}>
              <DateInput testId="change-plan-end" />
            </Form.Item>
          ) : null}
          {kind === 'content' || kind === 'team' || kind === 'budget' ? (
            <Form.Item
              name="text"
              label={t('变更内容', 'What changes')}
              rules={kind === 'budget' ? [] : [{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={4000} data-testid="change-text" />
            </Form.Item>
          ) : null}
          {kind === 'budget' ? (
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'item']} rules={[{ required: true, whitespace: true }]}>
                        <Input placeholder={t('预算科目', 'Cost line')} maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'amountFen']} rules={[{ required: true }]}>
                        <MoneyInput />
                      </Form.Item>
                      <Button size="small" onClick={() => remove(f.name)}>
                        {t('删除', 'Remove')}
                      </Button>
                    </Space>
                  ))}
                  <Form.Item>
                    <Button size="small" onClick={() => add()}>
                      {t('添加预算科目', 'Add a cost line')}
                    </Button>
                  </Form.Item>
                </>
              )}
            </Form.List>
          ) : null}
          <Form.Item
            name="reason"
            label={t('变更理由', 'Reason')}
            rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Give a reason') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="change-reason" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="change-submit">
            {t('提交变更申请', 'Request the change')}
          </Button>
        </Form>
      ) : null}
      {decision.modal}
    </Card>
  );
}

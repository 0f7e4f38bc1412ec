/*
 * 单位信用记录: an organization's flags (严重失信 / 禁止申报 / 违规记录), as officers meet the organization on an
 * application's detail page, and the form to add one (POST /api/organizations/:id/flags).
 */
import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Radio, Row, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, type FlagKind, type OrganizationFlag } from '../../api';
import { FLAG_KINDS, useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { DateInput, ErrorBox, fmtTime, FormModal, PORTAL_TZ, useFormSubmit, useLoad } from '../../components/common';

const KINDS: FlagKind[] = ['dishonest', 'barred', 'violation'];

interface FlagValues {
  kind: FlagKind;
  reason: string;
  from: string;
  until?: string;
}

/** Today in Beijing on this browser's clock: only the form's default start; whether a flag is in force is the server's word. */
function beijingToday(): string {
  return dayjs().tz(PORTAL_TZ).format('YYYY-MM-DD');
}

/** The add-a-flag form, validated as the server does: a kind, a reason (1–1000 characters), a start date, an end date not before it. */
function FlagModal({
  organizationId,
  organizationName,
  onClose,
}: {
  organizationId: string;
  organizationName?: string;
  onClose: (saved: boolean) => void;
}) {
  const { t, v, pick } = useI18n();
  const catalogue = usePrograms();
  const [form] = Form.useForm<FlagValues>();
  const kind = Form.useWatch('kind', form);
  const { busy, error, onFinish } = useFormSubmit(form, async (values: FlagValues) => {
    await api.addOrganizationFlag(organizationId, {
      kind: values.kind,
      reason: values.reason.trim(),
      from: values.from,
      ...(values.until ? { until: values.until } : {}),
    });
    onClose(true);
  });

  // what the programs say a violation means for their applications (e.g. a clean-record rule)
  const notes = catalogue.programs.flatMap((p) => p.flagNotes.filter((n) => n.kind === kind)).map((n) => pick(n.text));
  const effect =
    kind === 'violation'
      ? notes.join(' ') || undefined
      : kind
        ? t(
            `有效期内，该单位的申报不符合“${catalogue.ruleName('common.not-excluded')}”，不能提交，拨付也将暂停。`,
            `While in force, the organization's applications fail “${catalogue.ruleName('common.not-excluded')}” and cannot be submitted; payments are held.`,
          )
        : undefined;

  return (
    <FormModal
      form={form}
      title={`${t('添加信用记录', 'Add a record')}${organizationName ? ` · ${organizationName}` : ''}`}
      okTestId="flag-save"
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ from: beijingToday() }}
        data-testid="flag-form"
      >
        <Form.Item
          name="kind"
          label={t('类型', 'Kind')}
          extra={effect}
          rules={[{ required: true, message: t('请选择类型', 'Choose a kind') }]}
        >
          <Radio.Group>
            {KINDS.map((k) => (
              <Radio.Button key={k} value={k} data-testid={`flag-kind-${k}`}>
                {v(FLAG_KINDS, k)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('事由及依据', 'Reason')}
          rules={[
            { required: true, whitespace: true, message: t('请填写事由', 'Give the reason') },
            { max: 1000, message: t('事由不能超过 1000 字', 'At most 1,000 characters') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="flag-reason" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="from"
              label={t('开始日期', 'From')}
              rules={[{ required: true, message: t('请选择开始日期', 'Choose the start date') }]}
            >
              <DateInput testId="flag-from" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="until"
              label={t('结束日期（含）', 'Until (inclusive)')}
              extra={t('留空表示长期有效', 'Leave empty for open-ended')}
              dependencies={['from']}
              rules={[
                ({ getFieldValue }) => ({
                  validator(_, value?: string) {
                    const from: string | undefined = getFieldValue('from');
                    if (!value || !from || value >= from) return Promise.resolve();
                    return Promise.reject(
                      new Error(t('结束日期不能早于开始日期', 'The end date is before the start date')),
                    );
                  },
                }),
              ]}
            >
              <DateInput testId="flag-until" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

function FlagRow({ flag }: { flag: OrganizationFlag }) {
  const { t, v } = useI18n();
  // the server says whether it is in force today; only the wording of "not in force" looks at this browser's day
  const state = flag.active ? 'active' : flag.until && flag.until < beijingToday() ? 'expired' : 'pending';
  return (
    <div
      data-testid={`flag-${flag.id}`}
      data-kind={flag.kind}
      data-active={flag.active ? 'true' : 'false'}
      style={{ padding: '6px 0', borderBottom: '1px dashed #f0f0f0' }}
    >
      <Space size={4} wrap>
        <Tag color={flag.kind === 'violation' ? 'orange' : 'red'} data-testid="flag-kind">
          {v(FLAG_KINDS, flag.kind)}
        </Tag>
        {state === 'active' ? (
          <Tag color="error" data-testid="flag-active">
            {t('今日有效', 'In force today')}
          </Tag>
        ) : (
          <Tag data-testid="flag-inactive">
            {state === 'expired' ? t('已到期', 'Expired') : t('尚未生效', 'Not yet in force')}
          </Tag>
        )}
        <span style={{ fontSize: 12, color: '#595959' }} data-testid="flag-period">
          {flag.from} ~ {flag.until ?? t('长期有效', 'open-ended')}
        </span>
      </Space>
      <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 2 }} data-testid="flag-reason-text">
        {flag.reason}
      </div>
      {flag.createdAt ? (
        <div style={{ fontSize: 12, color: '#595959' }}>
          {t('登记于', 'Recorded')} {fmtTime(flag.createdAt)}
        </div>
      ) : null}
    </div>
  );
}

/** The panel: the organization's flags, newest first, whether each is in force today (Beijing time), and "add". */
export function OrganizationFlagsCard({
  organizationId,
  organizationName,
  onSaved,
}: {
  organizationId: string;
  organizationName?: string;
  onSaved?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const flags = useLoad(() => api.organizationFlags(organizationId), [organizationId]);
  const [adding, setAdding] = useState(false);
  const list = flags.data ?? [];
  return (
    <Card
      size="small"
      title={t('单位信用记录', 'Organization record')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="flag-add">
          {t('添加', 'Add')}
        </Button>
      }
      style={{ marginBottom: 16 }}
      data-testid="org-flags"
    >
      <ErrorBox error={flags.error} />
      {flags.data && !list.length ? (
        <Typography.Text type="secondary" data-testid="flags-empty">
          {t('暂无失信、禁入或违规记录', 'No dishonesty, bar or violation on record')}
        </Typography.Text>
      ) : (
        <div
          style={{ maxHeight: 240, overflowY: 'auto' }}
          data-testid="flags-list"
          data-loading={flags.loading ? 'true' : 'false'}
        >
          {list.map((f) => (
            <FlagRow key={f.id} flag={f} />
          ))}
        </div>
      )}
      {adding ? (
        <FlagModal
          organizationId={organizationId}
          organizationName={organizationName}
          onClose={(saved) => {
            setAdding(false);
            if (!saved) return;
            message.success(t('已添加信用记录', 'Record added'));
            void flags.reload();
            onSaved?.();
          }}
        />
      ) : null}
    </Card>
  );
}

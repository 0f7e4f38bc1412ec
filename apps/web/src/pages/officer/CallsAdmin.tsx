import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { api, itemsOf, type Call } from '../../api';
import { AGGREGATIONS, useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import {
  ErrorBox,
  fmtTime,
  FormModal,
  fromPortalPicker,
  PageTitle,
  StatusTag,
  toPortalPicker,
  useFormSubmit,
  useLoad,
} from '../../components/common';
import { formatFen } from '../../money';
import { CallSeriesSection } from './CallSeries';
import { CallSettingsFields, CallTracksField, programPresets } from './CallSettingsFields';

/** All calls, for pickers on officer pages. */
type CallBody = Parameters<typeof api.createCall>[0];

interface CallValues extends Omit<
  CallBody,
  | 'title'
  | 'opensAt'
  | 'closesAt'
  | 'spreadThreshold'
  | 'requestSharePercent'
  | 'provincialQuota'
  | 'provincialClosesAt'
> {
  title: string;
  window: [Dayjs, Dayjs];
  /** One number for every province (a table per province is kept as it is when editing). */
  provincialQuota?: number | null;
  provincialClosesAt?: Dayjs | null;
  spreadThreshold?: number | null;
  requestSharePercent?: number | null;
}

export function useCalls() {
  return useLoad(async () => itemsOf(await api.calls({ pageSize: 100 })), []);
}

export function CallSelect({
  value,
  onChange,
  calls,
  style,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  calls: Call[];
  style?: React.CSSProperties;
}) {
  const { t } = useI18n();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 320, ...style }}
      placeholder={t('选择申报批次', 'Choose a call')}
      aria-label={t('选择申报批次', 'Choose a call')}
      value={value}
      onChange={onChange}
      data-testid="call-select"
      options={calls.map((c) => ({ value: c.id, label: `${c.year} ${c.title}` }))}
    />
  );
}

function CallForm({ call, onDone, onCancel }: { call: Call | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const catalogue = usePrograms();
  const [form] = Form.useForm<CallValues>();
  const programCode = Form.useWatch('programCode', form);
  const defaultShare = catalogue.program(programCode)?.callDefaults?.requestSharePercent ?? null;
  const stage = Form.useWatch('provincialStage', form);
  const quotaTable = call && typeof call.provincialQuota === 'object' ? call.provincialQuota : null;

  const initial = call
    ? {
        ...call,
        window: [toPortalPicker(call.opensAt), toPortalPicker(call.closesAt)],
        provincialQuota: typeof call.provincialQuota === 'number' ? call.provincialQuota : null,
        provincialClosesAt: call.provincialClosesAt ? toPortalPicker(call.provincialClosesAt) : null,
      }
    : {
        provincialStage: 'none',
        year: dayjs().year(),
        reviewersPerApplication: 5,
        blindReview: true,
        regionRecusal: false,
        noticeWorkingDays: 5,
        aggregation: 'trimmed',
        spreadThreshold: 20,
        // the officer's form turns on the real setting: retries and bank returns need a second finance user
        paymentDualControl: true,
      };

  const { busy, error, onFinish } = useFormSubmit(form, async (values: CallValues) => {
    const [opens, closes] = values.window;
    const body: Omit<CallBody, 'programCode'> = {
      year: values.year,
      title: values.title.trim(),
      opensAt: fromPortalPicker(opens),
      closesAt: fromPortalPicker(closes),
      budgetFen: values.budgetFen,
      reviewersPerApplication: values.reviewersPerApplication,
      blindReview: !!values.blindReview,
      regionRecusal: !!values.regionRecusal,
      noticeWorkingDays: values.noticeWorkingDays,
      aggregation: values.aggregation,
      paymentDualControl: !!values.paymentDualControl,
      agreementRequired: !!values.agreementRequired,
      reportsRequired: !!values.reportsRequired,
      annualReview: !!values.annualReview,
      deliberation: !!values.deliberation,
      provincialStage: values.provincialStage ?? 'none',
    };
    if (body.provincialStage !== 'none' && values.provincialClosesAt)
      body.provincialClosesAt = fromPortalPicker(values.provincialClosesAt);
    if (body.provincialStage === 'recommend') {
      if (values.provincialQuota !== undefined && values.provincialQuota !== null)
        body.provincialQuota = values.provincialQuota;
      else if (quotaTable) body.provincialQuota = quotaTable;
    }
    if (values.spreadThreshold !== undefined && values.spreadThreshold !== null)
      body.spreadThreshold = values.spreadThreshold;
    if (values.requestSharePercent !== undefined && values.requestSharePercent !== null)
      body.requestSharePercent = values.requestSharePercent;
    if (call) await api.updateCall(call.id, { ...body, version: call.version });
    else
      await api.createCall({
        programCode: values.programCode,
        ...body,
        ...(values.tracks?.length ? { tracks: values.tracks } : {}),
      });
    onDone();
  });

  return (
    <FormModal
      form={form}
      width={720}
      title={call ? t('编辑申报批次', 'Edit call') : t('新建申报批次', 'New call')}
      okTestId="call-save"
      busy={busy}
      error={error}
      onCancel={onCancel}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        onValuesChange={(changed: Partial<CallValues>, all: CallValues) => {
          // a staged call needs the provinces' deadline: proposed as 15 days after the applicants' one, editable
          const closes = all.window?.[1];
          if ((changed.window || changed.provincialStage) && closes && !all.provincialClosesAt)
            form.setFieldsValue({ provincialClosesAt: closes.add(PROVINCIAL_DAYS_AFTER_CLOSING, 'day') });
        }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="programCode"
              label={t('项目', 'Program')}
              rules={[{ required: true, message: t('请选择项目', 'Choose a program') }]}
            >
              <Select
                disabled={!!call}
                data-testid="call-program"
                onChange={(code: string) =>
                  // the program's own provincial stage, preselected (认定 check, 精品工程 and 原动力 recommend)
                  form.setFieldsValue(programPresets(catalogue.program(code)?.callDefaults))
                }
                options={catalogue.programs.map((p) => ({ value: p.code, label: catalogue.programName(p.code) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="call-year" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('批次名称', 'Title')}
          rules={[{ required: true, whitespace: true, message: t('请输入名称', 'Enter a title') }]}
        >
          <Input maxLength={200} data-testid="call-title" />
        </Form.Item>
        <Form.Item
          name="window"
          label={t('申报时间窗口（北京时间）', 'Application window (Beijing time)')}
          rules={[{ required: true, message: t('请选择时间', 'Choose the window') }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            data-testid="call-window"
          />
        </Form.Item>
        <CallTracksField program={catalogue.program(programCode)} disabled={!!call} />
        <CallSettingsFields
          stage={stage}
          quotaTable={quotaTable}
          defaultShare={defaultShare}
          provincialDeadline={
            <Col span={10}>
              <Form.Item
                name="provincialClosesAt"
                label={t('省级截止时间（北京时间）', 'Provincial deadline (Beijing time)')}
                rules={[{ required: true, message: t('请选择省级截止时间', 'Choose the provincial deadline') }]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  data-testid="call-provincial-closes"
                />
              </Form.Item>
            </Col>
          }
        />
      </Form>
    </FormModal>
  );
}

/** The provinces' deadline the form proposes: this many days after the applicants' (the demo calls use the same). */
const PROVINCIAL_DAYS_AFTER_CLOSING = 15;

export function CallsAdminPage() {
  const { t, v } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const calls = useCalls();
  const [editing, setEditing] = useState<Call | null | 'new'>(null);
  return (
    <div>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="call-new">
            {t('新建批次', 'New call')}
          </Button>
        }
      >
        {t('申报批次管理', 'Calls')}
      </PageTitle>
      <ErrorBox error={calls.error} />
      <Table<Call>
        rowKey="id"
        loading={calls.loading}
        dataSource={calls.data ?? []}
        data-testid="calls-table"
        scroll={{ x: 1400 }}
        columns={[
          { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
          { title: t('批次名称', 'Title'), dataIndex: 'title', width: 260 },
          {
            title: t('项目', 'Program'),
            dataIndex: 'programCode',
            width: 200,
            render: (p: string) => catalogue.programName(p),
          },
          {
            title: t('申报时间', 'Window'),
            width: 200,
            render: (_: unknown, c) => (
              <span style={{ fontSize: 12 }}>
                {fmtTime(c.opensAt)}
                <br />
                {fmtTime(c.closesAt)}
              </span>
            ),
          },
          { title: t('预算', 'Budget'), dataIndex: 'budgetFen', width: 140, align: 'right', render: formatFen },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (s ? <StatusTag status={s} kind="call" /> : '—'),
          },
          {
            title: t('设置', 'Settings'),
            width: 160,
            render: (_: unknown, c) => (
              <span style={{ fontSize: 12 }}>
                {t(`${c.reviewersPerApplication} 位专家`, `${c.reviewersPerApplication} reviewers`)} ·{' '}
                {v(AGGREGATIONS, c.aggregation)}
                {c.blindReview ? <Tag style={{ marginLeft: 4 }}>{t('匿名', 'blind')}</Tag> : null}
              </span>
            ),
          },
          {
            title: t('操作', 'Actions'),
            width: 260,
            fixed: 'right',
            render: (_: unknown, c) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setEditing(c)} data-testid={`call-edit-${c.id}`}>
                  {t('编辑', 'Edit')}
                </Button>
                <Link to={`/officer/applications?callId=${c.id}`} data-testid={`call-apps-${c.id}`}>
                  {t('申报', 'Applications')}
                </Link>
                {c.provincialStage !== 'none' ? (
                  <Link to={`/officer/calls/${c.id}/province`} data-testid={`call-province-${c.id}`}>
                    {c.provincialStage === 'check' ? t('省级初审', 'Provincial check') : t('省级推荐', 'Provincial')}
                  </Link>
                ) : null}
                <Link to={`/officer/calls/${c.id}/review`} data-testid={`call-review-${c.id}`}>
                  {t('评审', 'Review')}
                </Link>
                <Link to={`/officer/calls/${c.id}/decisions`} data-testid={`call-decisions-${c.id}`}>
                  {t('立项决定', 'Decisions')}
                </Link>
              </Space>
            ),
          },
        ]}
      />
      <CallSeriesSection onOpened={() => void calls.reload()} />
      {editing ? (
        <CallForm
          call={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            message.success(t('已保存', 'Saved'));
            void calls.reload();
          }}
        />
      ) : null}
    </div>
  );
}

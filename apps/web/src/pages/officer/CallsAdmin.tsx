import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag } from 'antd';
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
  MoneyInput,
  PageTitle,
  StatusTag,
  toPortalPicker,
  useFormSubmit,
  useLoad,
} from '../../components/common';
import { formatFen } from '../../money';

/** All calls, for pickers on officer pages. */
type CallBody = Parameters<typeof api.createCall>[0];

interface CallValues extends Omit<
  CallBody,
  'title' | 'opensAt' | 'closesAt' | 'spreadThreshold' | 'requestSharePercent'
> {
  title: string;
  window: [Dayjs, Dayjs];
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
      value={value}
      onChange={onChange}
      data-testid="call-select"
      options={calls.map((c) => ({ value: c.id, label: `${c.year} ${c.title}` }))}
    />
  );
}

function CallForm({ call, onDone, onCancel }: { call: Call | null; onDone: () => void; onCancel: () => void }) {
  const { t, v } = useI18n();
  const catalogue = usePrograms();
  const [form] = Form.useForm<CallValues>();
  const programCode = Form.useWatch('programCode', form);
  const defaultShare = catalogue.program(programCode)?.callDefaults?.requestSharePercent ?? null;

  const initial = call
    ? { ...call, window: [toPortalPicker(call.opensAt), toPortalPicker(call.closesAt)] }
    : {
        year: dayjs().year(),
        reviewersPerApplication: 5,
        blindReview: true,
        regionRecusal: false,
        noticeWorkingDays: 5,
        aggregation: 'trimmed',
        spreadThreshold: 20,
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
    };
    if (values.spreadThreshold !== undefined && values.spreadThreshold !== null)
      body.spreadThreshold = values.spreadThreshold;
    if (values.requestSharePercent !== undefined && values.requestSharePercent !== null)
      body.requestSharePercent = values.requestSharePercent;
    if (call) await api.updateCall(call.id, { ...body, version: call.version });
    else await api.createCall({ programCode: values.programCode, ...body });
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
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
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
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="budgetFen"
              label={t('预算', 'Budget')}
              rules={[{ required: true, message: t('请输入预算', 'Enter the budget') }]}
            >
              <MoneyInput testId="call-budget" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="reviewersPerApplication"
              label={t('每项评审专家数', 'Reviewers per application')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={15} precision={0} style={{ width: '100%' }} data-testid="call-reviewers" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="blindReview" label={t('匿名评审', 'Blind review')} valuePropName="checked">
              <Switch data-testid="call-blind" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="regionRecusal" label={t('同省回避', 'Region recusal')} valuePropName="checked">
              <Switch data-testid="call-region-recusal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="noticeWorkingDays"
              label={t('公示工作日数', 'Notice working days')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} data-testid="call-notice-days" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="aggregation" label={t('计分方法', 'Aggregation')} rules={[{ required: true }]}>
              <Select
                data-testid="call-aggregation"
                options={Object.keys(AGGREGATIONS).map((a) => ({ value: a, label: v(AGGREGATIONS, a) }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="spreadThreshold" label={t('分歧阈值', 'Spread threshold')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="call-spread" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="requestSharePercent"
              label={t('资助比例上限 %', 'Request share %')}
              extra={defaultShare !== null ? t(`默认 ${defaultShare}`, `default ${defaultShare}`) : undefined}
            >
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="call-share" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

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
        scroll={{ x: 1100 }}
        columns={[
          { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
          { title: t('批次名称', 'Title'), dataIndex: 'title' },
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

import { useState } from 'react';
import { App, Button, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { callSeriesApi, type CallSeries, type CallSeriesBody } from '../../api/callSeries';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, fmtTime, FormModal, useFormSubmit, useLoad } from '../../components/common';
import { CallSettingsFields, CallTracksField, programPresets } from './CallSettingsFields';

const RECURRENCE = {
  quarterly: { zh: '每季度', en: 'Quarterly' },
  yearly: { zh: '每年', en: 'Yearly' },
  triennial: { zh: '每三年', en: 'Every three years' },
} as const;

type Settings = CallSeriesBody['settings'];
interface SeriesValues extends Omit<CallSeriesBody, 'settings'>, Omit<Settings, 'provincialQuota'> {
  provincialQuota?: number | null;
}

const SETTING_KEYS: (keyof Settings)[] = [
  'budgetFen',
  'reviewersPerApplication',
  'blindReview',
  'regionRecusal',
  'noticeWorkingDays',
  'aggregation',
  'spreadThreshold',
  'requestSharePercent',
  'paymentDualControl',
  'agreementRequired',
  'reportsRequired',
  'annualReview',
  'deliberation',
  'provincialStage',
  'provincialQuota',
  'tracks',
];

function SeriesForm({ onDone, onCancel }: { onDone: (s: CallSeries) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const catalogue = usePrograms();
  const [form] = Form.useForm<SeriesValues>();
  const programCode = Form.useWatch('programCode', form);
  const recurrence = Form.useWatch('recurrence', form);
  const stage = Form.useWatch('provincialStage', form);
  const defaultShare = catalogue.program(programCode)?.callDefaults?.requestSharePercent ?? null;

  const { busy, error, onFinish } = useFormSubmit(form, async (values: SeriesValues) => {
    const settings: Record<string, unknown> = {};
    for (const k of SETTING_KEYS) {
      const x = values[k as keyof SeriesValues];
      if (x !== undefined && x !== null) settings[k] = x;
    }
    if (settings.provincialStage !== 'recommend') delete settings.provincialQuota;
    if (!(settings.tracks as string[] | undefined)?.length) delete settings.tracks;
    const body: CallSeriesBody = {
      programCode: values.programCode,
      titleTemplate: values.titleTemplate.trim(),
      recurrence: values.recurrence,
      firstYear: values.firstYear,
      opensOffsetDays: values.opensOffsetDays,
      windowDays: values.windowDays,
      firstQuarter: values.recurrence === 'quarterly' ? (values.firstQuarter ?? 1) : 1,
      leadDays: values.leadDays ?? 0,
      settings: {
        blindReview: false,
        regionRecusal: false,
        paymentDualControl: false,
        agreementRequired: false,
        reportsRequired: false,
        annualReview: false,
        ...settings,
      } as Settings,
    };
    if (settings.provincialStage && settings.provincialStage !== 'none') body.provincialDays = values.provincialDays;
    onDone(await callSeriesApi.create(body));
  });

  return (
    <FormModal
      form={form}
      width={760}
      title={t('新建周期性批次', 'New recurring call')}
      okTestId="series-save"
      busy={busy}
      error={error}
      onCancel={onCancel}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          recurrence: 'quarterly',
          firstYear: dayjs().year(),
          firstQuarter: 1,
          opensOffsetDays: 0,
          windowDays: 30,
          leadDays: 7,
          provincialStage: 'none',
          reviewersPerApplication: 5,
          blindReview: true,
          regionRecusal: false,
          noticeWorkingDays: 5,
          aggregation: 'trimmed',
          spreadThreshold: 20,
          paymentDualControl: true,
          budgetFen: 0,
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
                data-testid="series-program"
                onChange={(code: string) => form.setFieldsValue(programPresets(catalogue.program(code)?.callDefaults))}
                options={catalogue.programs.map((p) => ({ value: p.code, label: catalogue.programName(p.code) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="recurrence" label={t('周期', 'Recurrence')} rules={[{ required: true }]}>
              <Select
                data-testid="series-recurrence"
                options={Object.entries(RECURRENCE).map(([value, l]) => ({ value, label: t(l.zh, l.en) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="titleTemplate"
          label={t('批次名称模板', 'Title template')}
          extra={t(
            '{year} 为年度，{quarter} 为季度（一至四），如“{year}年第{quarter}季度优秀国产动画片推荐”',
            '{year} is the year, {quarter} the quarter (一…四), {q} its number',
          )}
          rules={[
            { required: true, whitespace: true, message: t('请输入名称模板', 'Enter a title template') },
            { pattern: /\{year\}/, message: t('模板须包含 {year}', 'The template must contain {year}') },
          ]}
        >
          <Input maxLength={200} data-testid="series-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="firstYear" label={t('首期年度', 'First year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="series-year" />
            </Form.Item>
          </Col>
          {recurrence === 'quarterly' ? (
            <Col span={6}>
              <Form.Item name="firstQuarter" label={t('首期季度', 'First quarter')} rules={[{ required: true }]}>
                <InputNumber min={1} max={4} precision={0} style={{ width: '100%' }} data-testid="series-quarter" />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={6}>
            <Form.Item
              name="opensOffsetDays"
              label={t('期初后第几天开放', 'Opens after (days)')}
              rules={[{ required: true }]}
              extra={t('北京时间 9:00 开放', 'at 09:00 Beijing time')}
            >
              <InputNumber min={0} max={360} precision={0} style={{ width: '100%' }} data-testid="series-offset" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="windowDays"
              label={t('开放天数', 'Open for (days)')}
              rules={[{ required: true }]}
              extra={t('北京时间 17:00 截止', 'closes 17:00 Beijing time')}
            >
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} data-testid="series-window" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="leadDays"
              label={t('提前发布天数', 'Published ahead (days)')}
              extra={t('开放前即显示为“即将开放”', 'shown as upcoming before it opens')}
            >
              <InputNumber min={0} max={90} precision={0} style={{ width: '100%' }} data-testid="series-lead" />
            </Form.Item>
          </Col>
        </Row>
        <CallTracksField program={catalogue.program(programCode)} />
        <CallSettingsFields
          stage={stage}
          quotaTable={null}
          defaultShare={defaultShare}
          provincialDeadline={
            <Col span={10}>
              <Form.Item
                name="provincialDays"
                label={t('省级截止：批次截止后天数', 'Provincial deadline: days after each close')}
                rules={[{ required: true, message: t('请输入天数', 'Enter the days') }]}
              >
                <InputNumber
                  min={1}
                  max={120}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="series-provincial-days"
                />
              </Form.Item>
            </Col>
          }
        />
      </Form>
    </FormModal>
  );
}

/**
 * Recurring calls on the officers' calls page (issue 15): each series with its recurrence, the calls it has opened
 * and the next period; create one, stop or resume it, or open what is due now (the worker does so on its own).
 */
export function CallSeriesSection({ onOpened }: { onOpened: () => void }) {
  const { t, pick } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const series = useLoad(() => callSeriesApi.list(), []);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState('');

  const act = async (key: string, work: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    try {
      message.success(await work());
      await series.reload();
      onOpened();
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };

  return (
    <section data-testid="call-series" style={{ marginTop: 24 }} aria-labelledby="call-series-title">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} id="call-series-title">
          {t('周期性批次', 'Recurring calls')}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<SyncOutlined />}
            loading={busy === 'due'}
            data-testid="series-open-due"
            onClick={() =>
              act('due', async () => {
                const r = await callSeriesApi.openDue();
                return r.total
                  ? t(`已开放 ${r.total} 个到期批次`, `${r.total} due call(s) opened`)
                  : t('没有到期的批次', 'Nothing was due');
              })
            }
          >
            {t('立即开放到期批次', 'Open due calls now')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="series-new">
            {t('新建周期性批次', 'New recurring call')}
          </Button>
        </Space>
      </Space>
      <ErrorBox error={error ?? series.error} />
      <Table<CallSeries>
        rowKey="id"
        size="small"
        loading={series.loading}
        dataSource={series.data?.items ?? []}
        data-testid="series-table"
        pagination={false}
        scroll={{ x: 980 }}
        locale={{ emptyText: t('还没有周期性批次', 'No recurring call yet') }}
        columns={[
          { title: t('名称模板', 'Template'), dataIndex: 'titleTemplate' },
          {
            title: t('项目', 'Program'),
            dataIndex: 'programCode',
            width: 180,
            render: (p: string) => catalogue.programName(p),
          },
          {
            title: t('周期', 'Recurrence'),
            dataIndex: 'recurrence',
            width: 100,
            render: (r: keyof typeof RECURRENCE) => pick(RECURRENCE[r]),
          },
          {
            title: t('已开放', 'Opened'),
            width: 220,
            render: (_: unknown, s) =>
              s.calls.length ? (
                <span data-testid={`series-calls-${s.id}`}>{s.calls.map((c) => c.period).join('、')}</span>
              ) : (
                '—'
              ),
          },
          {
            title: t('下一期', 'Next'),
            width: 220,
            render: (_: unknown, s) => (
              <>
                {s.next ? (
                  <span style={{ fontSize: 12 }} data-testid={`series-next-${s.id}`}>
                    {s.next.period} · {fmtTime(s.next.opensAt)}
                  </span>
                ) : (
                  <Tag>{t('已停止', 'Stopped')}</Tag>
                )}
                {s.lastError ? (
                  <div style={{ fontSize: 12, color: '#cf1322' }} data-testid={`series-error-${s.id}`}>
                    {t('上次未能开放：', 'Last run failed: ')}
                    {pick(s.lastError.message)} ({fmtTime(s.lastError.at)})
                  </div>
                ) : null}
              </>
            ),
          },
          {
            title: t('操作', 'Actions'),
            width: 110,
            fixed: 'right',
            render: (_: unknown, s) => (
              <Button
                size="small"
                danger={s.active}
                loading={busy === s.id}
                data-testid={`series-toggle-${s.id}`}
                onClick={() =>
                  act(s.id, async () => {
                    await callSeriesApi.setActive(s.id, !s.active);
                    return s.active ? t('已停止', 'Stopped') : t('已恢复', 'Resumed');
                  })
                }
              >
                {s.active ? t('停止', 'Stop') : t('恢复', 'Resume')}
              </Button>
            ),
          },
        ]}
      />
      {creating ? (
        <SeriesForm
          onCancel={() => setCreating(false)}
          onDone={(s) => {
            setCreating(false);
            message.success(
              s.calls.length
                ? t(`已保存，并开放了 ${s.calls.length} 个到期批次`, `Saved; ${s.calls.length} due call(s) opened`)
                : t('已保存', 'Saved'),
            );
            void series.reload();
            onOpened();
          }}
        />
      ) : null}
    </section>
  );
}

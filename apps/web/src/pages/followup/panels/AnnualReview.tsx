import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Upload,
  message,
} from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { BUSINESS_TYPES, useI18n } from '../../../i18n';
import { ErrorBox, errorText, okProps, useLoad } from '../../../components/common';
import {
  annualReviewApi,
  type AnnualReview,
  type AnnualReviewRule,
  type AwardAnnualReviews,
} from '../../../api/annualReview';
import type { AwardPanelProps } from './types';

const REVIEW_STATUS: Record<string, [string, string, string]> = {
  draft: ['草稿', 'Draft', 'default'],
  submitted: ['已提交，待审核', 'Submitted', 'processing'],
  passed: ['年审通过', 'Passed', 'success'],
  failed: ['年审未通过', 'Failed', 'error'],
  missed: ['未参加年审', 'Missed', 'error'],
};

const BUSINESS_CODES = [
  'comic',
  'animation',
  'online',
  'stage',
  'software',
  'derivative-design',
  'publishing',
  'broadcasting',
  'distribution',
  'merchandise-sales',
];

/** The form's values: money in yuan (the API keeps integer fen), dates as Dayjs. */
interface FormValues {
  fiscalYear?: number;
  businessTypes?: string[];
  totalYuan?: number;
  animationMainYuan?: number;
  selfDevelopedYuan?: number;
  operatingYuan?: number;
  rdSpendingYuan?: number;
  staffTotal?: number;
  staffQualified?: number;
  staffRd?: number;
  ipRights?: { kind?: string; number?: string; grantedOn?: Dayjs }[];
  products?: { name?: string; category?: string; selfDeveloped?: boolean }[];
  declaration?: boolean;
}

const fen = (yuan: number | undefined) => (yuan === undefined || yuan === null ? undefined : Math.round(yuan * 100));
const yuan = (f: unknown) => (typeof f === 'number' ? f / 100 : undefined);

/** The filing as the API takes it (fields left empty are left out: a draft may be partial). */
function toPayload(v: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {
    fiscalYear: v.fiscalYear,
    businessTypes: v.businessTypes,
    income: {
      totalFen: fen(v.totalYuan),
      animationMainFen: fen(v.animationMainYuan),
      selfDevelopedFen: fen(v.selfDevelopedYuan),
      operatingFen: fen(v.operatingYuan),
    },
    rdSpendingFen: fen(v.rdSpendingYuan),
    staff: { total: v.staffTotal, qualified: v.staffQualified, rd: v.staffRd },
    ipRights: (v.ipRights ?? []).map((r) => ({
      kind: r.kind,
      number: r.number,
      grantedOn: r.grantedOn ? r.grantedOn.format('YYYY-MM-DD') : undefined,
    })),
    products: (v.products ?? []).map((p) => ({ ...p, selfDeveloped: !!p.selfDeveloped })),
    declaration: v.declaration === true ? true : undefined,
  };
  return JSON.parse(JSON.stringify(out)); // drops the undefined fields
}

function fromPayload(p: Record<string, unknown>, year: number): FormValues {
  const income = (p.income ?? {}) as Record<string, unknown>;
  const staff = (p.staff ?? {}) as Record<string, number>;
  const ip = (p.ipRights ?? []) as { kind?: string; number?: string; grantedOn?: string }[];
  return {
    fiscalYear: (p.fiscalYear as number) ?? year - 1,
    businessTypes: (p.businessTypes as string[]) ?? [],
    totalYuan: yuan(income.totalFen),
    animationMainYuan: yuan(income.animationMainFen),
    selfDevelopedYuan: yuan(income.selfDevelopedFen),
    operatingYuan: yuan(income.operatingFen),
    rdSpendingYuan: yuan(p.rdSpendingFen),
    staffTotal: staff.total,
    staffQualified: staff.qualified,
    staffRd: staff.rd,
    ipRights: ip.length
      ? ip.map((r) => ({ ...r, grantedOn: r.grantedOn ? dayjs(r.grantedOn) : undefined }))
      : [{ kind: 'copyright' }],
    products: ((p.products ?? []) as FormValues['products'])?.length
      ? (p.products as FormValues['products'])
      : [{ selfDeveloped: true }],
    declaration: p.declaration === true,
  };
}

function RuleResults({ rules }: { rules: AnnualReviewRule[] | null }) {
  const { t, lang } = useI18n();
  if (!rules) return null;
  return (
    <Table<AnnualReviewRule>
      size="small"
      rowKey="rule"
      pagination={false}
      dataSource={rules}
      data-testid="annual-review-rules"
      columns={[
        {
          title: t('指标', 'Rule'),
          dataIndex: 'rule',
          width: 110,
          render: (_r: string, x) =>
            x.passed ? (
              <Tag color="success" data-testid={`rule-${x.rule}-passed`}>
                {t('达标', 'Met')}
              </Tag>
            ) : (
              <Tag color="error" data-testid={`rule-${x.rule}-failed`}>
                {t('未达标', 'Not met')}
              </Tag>
            ),
        },
        { title: t('说明', 'Detail'), render: (_: unknown, x) => (lang === 'zh' ? x.detail.zh : x.detail.en) },
      ]}
    />
  );
}

/** The officer's pass / fail of a submitted review, with a note. */
export function AnnualReviewDecision({ review, done }: { review: AnnualReview; done: () => void }) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (review.status !== 'submitted') return null;
  const act = async (outcome: 'pass' | 'fail') => {
    setBusy(true);
    try {
      await (outcome === 'pass' ? annualReviewApi.pass(review.id, note) : annualReviewApi.fail(review.id, note));
      message.success(
        outcome === 'pass' ? t('年审已通过', 'Passed') : t('年审未通过，证书资格已取消', 'Failed: lapsed'),
      );
      done();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`annual-review-decide-${review.id}`}>
      <Input.TextArea
        rows={2}
        maxLength={2000}
        placeholder={t('审核意见（必填）', 'Note (required)')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="annual-review-note"
      />
      <Space>
        <Button
          type="primary"
          disabled={!note.trim()}
          loading={busy}
          onClick={() => act('pass')}
          data-testid="annual-review-pass"
        >
          {review.exchangeDue ? t('通过并换证', 'Pass and reissue') : t('通过', 'Pass')}
        </Button>
        <Button
          danger
          disabled={!note.trim()}
          loading={busy}
          onClick={() => act('fail')}
          data-testid="annual-review-fail"
        >
          {t('不通过（取消资格）', 'Fail (lapse)')}
        </Button>
      </Space>
    </Space>
  );
}

/** The enterprise's filing of this year's review: figures, statements, rule results after saving, submit. */
function Filing({
  award,
  data,
  review,
  reload,
}: {
  award: string;
  data: AwardAnnualReviews;
  review?: AnnualReview;
  reload: () => void;
}) {
  const { t, lang, v } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const year = data.year;
  const editable = !review || review.status === 'draft';

  const save = async (): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await annualReviewApi.save(award, year, toPayload(form.getFieldsValue(true)));
      message.success(t('已保存，指标已重新核对', 'Saved; the rules were checked'));
      reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    if (!(await save())) return;
    setBusy(true);
    try {
      await annualReviewApi.submit(award, year);
      message.success(t('年审材料已提交', 'Filed'));
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (attachmentId: string) => {
    setError(null);
    try {
      await annualReviewApi.removeAttachment(award, year, attachmentId);
      message.success(t('已删除', 'Removed'));
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const upload = async (kind: string, file: File) => {
    setError(null);
    try {
      await annualReviewApi.upload(award, year, kind, file);
      message.success(t('已上传', 'Uploaded'));
      reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorBox error={error} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={fromPayload((review?.payload as Record<string, unknown>) ?? {}, year)}
        data-testid="annual-review-form"
      >
        <Space wrap align="start">
          <Form.Item name="fiscalYear" label={t('财务数据所属年度', 'Fiscal year')}>
            <InputNumber min={2000} max={2100} precision={0} data-testid="ar-fiscalYear" />
          </Form.Item>
          <Form.Item name="businessTypes" label={t('主营业务类型', 'Business types')} style={{ minWidth: 320 }}>
            <Select
              mode="multiple"
              data-testid="ar-businessTypes"
              options={BUSINESS_CODES.map((c) => ({ value: c, label: v(BUSINESS_TYPES, c) }))}
            />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          {(
            [
              ['totalYuan', '营业总收入（元）', 'Total income (yuan)'],
              ['animationMainYuan', '动漫产品主营业务收入（元）', 'Animation main income (yuan)'],
              ['selfDevelopedYuan', '自主开发动漫产品收入（元）', 'Self-developed income (yuan)'],
              ['operatingYuan', '营业收入（元）', 'Operating income (yuan)'],
              ['rdSpendingYuan', '研究开发费用（元）', 'R&D spending (yuan)'],
            ] as const
          ).map(([name, zh, en]) => (
            <Form.Item key={name} name={name} label={t(zh, en)}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid={`ar-${name}`} />
            </Form.Item>
          ))}
        </Space>
        <Space wrap align="start">
          {(
            [
              ['staffTotal', '职工总数', 'Total staff'],
              ['staffQualified', '大专以上研发及技术服务人员', 'Qualified staff'],
              ['staffRd', '研发人员数', 'R&D staff'],
            ] as const
          ).map(([name, zh, en]) => (
            <Form.Item key={name} name={name} label={t(zh, en)}>
              <InputNumber min={0} precision={0} style={{ width: 200 }} data-testid={`ar-${name}`} />
            </Form.Item>
          ))}
        </Space>
        <Form.List name="ipRights">
          {(fields, { add, remove }) => (
            <Form.Item label={t('自主知识产权', 'Own intellectual property')}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'kind']} noStyle>
                    <Select
                      style={{ width: 120 }}
                      options={[
                        { value: 'copyright', label: t('著作权', 'Copyright') },
                        { value: 'patent', label: t('专利', 'Patent') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'number']} noStyle>
                    <Input
                      placeholder={t('登记号或专利号', 'Number')}
                      style={{ width: 240 }}
                      data-testid={`ar-ip-number-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'grantedOn']} noStyle>
                    <DatePicker placeholder={t('取得日期', 'Granted on')} data-testid={`ar-ip-date-${f.name}`} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'copyright' })}>
                {t('添加', 'Add')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="products">
          {(fields, { add, remove }) => (
            <Form.Item label={t('动漫产品', 'Animation products')}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} noStyle>
                    <Input
                      placeholder={t('产品名称', 'Name')}
                      style={{ width: 240 }}
                      data-testid={`ar-product-name-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'category']} noStyle>
                    <Input
                      placeholder={t('类别', 'Category')}
                      style={{ width: 140 }}
                      data-testid={`ar-product-category-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'selfDeveloped']} valuePropName="checked" noStyle>
                    <Checkbox>{t('自主开发', 'Self-developed')}</Checkbox>
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ selfDeveloped: true })}>
                {t('添加', 'Add')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="declaration" valuePropName="checked">
          <Checkbox data-testid="ar-declaration">
            {t('承诺所填信息和所附材料真实、准确、完整', 'I declare that all information and materials are true')}
          </Checkbox>
        </Form.Item>
      </Form>
      <Card size="small" title={t('审计材料', 'Audited statements')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {data.attachmentKinds.map((k) => {
            const files = (review?.attachments ?? []).filter((a) => a.kind === k.kind);
            return (
              <Space key={k.kind} wrap data-testid={`ar-kind-${k.kind}`}>
                <span>
                  {lang === 'zh' ? k.name.zh : k.name.en}
                  {k.required ? <Tag color="red">{t('必传', 'Required')}</Tag> : null}
                </span>
                {files.map((f) => (
                  <Space key={f.id} size={2}>
                    <Tag color="blue" data-testid={`ar-file-${f.kind}`}>
                      {f.fileName}
                    </Tag>
                    {editable ? (
                      <Popconfirm
                        title={t(`删除“${f.fileName}”？`, `Remove "${f.fileName}"?`)}
                        okText={t('删除', 'Remove')}
                        cancelText={t('取消', 'Cancel')}
                        okButtonProps={okProps(`ar-remove-confirm-${f.id}`, { danger: true })}
                        onConfirm={() => remove(f.id)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          data-testid={`ar-remove-${f.id}`}
                          aria-label={t(`删除 ${f.fileName}`, `Remove ${f.fileName}`)}
                        />
                      </Popconfirm>
                    ) : null}
                  </Space>
                ))}
                {editable ? (
                  <Upload
                    showUploadList={false}
                    accept=".pdf,.jpg,.jpeg,.png"
                    beforeUpload={(file) => {
                      void upload(k.kind, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} data-testid={`ar-upload-${k.kind}`}>
                      {t('上传', 'Upload')}
                    </Button>
                  </Upload>
                ) : null}
              </Space>
            );
          })}
        </Space>
      </Card>
      {editable ? (
        <Space>
          <Button loading={busy} onClick={() => void save()} data-testid="annual-review-save">
            {t('保存并核对指标', 'Save and check')}
          </Button>
          <Button
            type="primary"
            loading={busy}
            disabled={!data.windowOpen}
            onClick={() => void submit()}
            data-testid="annual-review-submit"
          >
            {t('提交年审', 'File the review')}
          </Button>
        </Space>
      ) : null}
      <RuleResults rules={review?.ruleResults ?? null} />
    </Space>
  );
}

/** The 年审 of a certificate on the award's page (grantee: this year's filing; officer: the reviews and the decision). */
export function AnnualReviewPanel({ award, staff, reload }: AwardPanelProps) {
  const { t } = useI18n();
  const data = useLoad(() => annualReviewApi.ofAward(award.id), [award.id]);
  const d = data.data;
  if (!d || !d.reviewed) return data.error ? <ErrorBox error={data.error} /> : null;
  const current = d.items.find((r) => r.year === d.year);
  const refresh = () => {
    void data.reload();
    reload();
  };
  const status = (s: string) => {
    const [zh, en, color] = REVIEW_STATUS[s] ?? [s, s, 'default'];
    return (
      <Tag color={color} data-testid={`annual-review-status-${s}`}>
        {t(zh, en)}
      </Tag>
    );
  };
  return (
    <Card size="small" title={t('年审', 'Annual review')} data-testid="annual-review-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('本年度年审时间', "This year's window")}>
            <span data-testid="annual-review-window">
              {d.window.opensOn} 至 {d.window.closesOn}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('本年度', 'This year')}>
            {current ? status(current.status) : d.dueThisYear ? t('待填报', 'To file') : t('本年度无需年审', 'Not due')}
          </Descriptions.Item>
          {d.lapsedOn ? (
            <Descriptions.Item label={t('资格取消日期', 'Lapsed on')}>
              <Tag color="error" data-testid="annual-review-lapsed">
                {t('已取消资格', 'Lapsed')} {d.lapsedOn}
              </Tag>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {d.exchangeDue ? (
          <Alert
            type="info"
            showIcon
            message={t(
              '证书已满三年，年审通过后换发新证（换证）',
              'Older than three years: passing reissues the certificate',
            )}
          />
        ) : null}
        {!staff && d.dueThisYear && d.awardStatus === 'active' ? (
          <>
            {!d.windowOpen && (!current || current.status === 'draft') ? (
              <Alert
                type="warning"
                showIcon
                message={t(
                  `年审时间为 ${d.window.opensOn} 至 ${d.window.closesOn}，可先保存草稿`,
                  `Filing is open from ${d.window.opensOn} to ${d.window.closesOn}; drafts can be saved now`,
                )}
              />
            ) : null}
            <Filing key={d.year} award={award.id} data={d} review={current} reload={refresh} />
          </>
        ) : null}
        <Table<AnnualReview>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={staff ? d.items : d.items.filter((r) => r.year !== d.year || r.status !== 'draft')}
          data-testid="annual-review-history"
          expandable={
            staff
              ? {
                  expandedRowRender: (r) => (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <RuleResults rules={r.ruleResults} />
                      <Space wrap>
                        {r.attachments.map((a) => (
                          <Button
                            key={a.id}
                            size="small"
                            onClick={() => void annualReviewApi.download(r.id, a.id, a.fileName)}
                          >
                            {a.fileName}
                          </Button>
                        ))}
                      </Space>
                      <AnnualReviewDecision review={r} done={refresh} />
                    </Space>
                  ),
                }
              : undefined
          }
          columns={[
            { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
            { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => status(s) },
            {
              title: t('指标', 'Rules'),
              dataIndex: 'rulesPassed',
              render: (x: boolean | null) =>
                x === null ? '—' : x ? t('均达标', 'All met') : t('有未达标项', 'Some not met'),
            },
            { title: t('审核意见', 'Note'), dataIndex: 'note', render: (x: string | null) => x ?? '—' },
          ]}
        />
      </Space>
    </Card>
  );
}

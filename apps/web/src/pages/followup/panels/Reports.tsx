import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
  message,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n';
import { usePrograms } from '../../../programs';
import { ErrorBox, FormModal, fmtTime, humanSize, okProps, useLoad } from '../../../components/common';
import { formatFen } from '../../../money';
import { reportsApi, type EvaluationGrade, type Report } from '../../../api/reports';
import { ReportFields, type SchemaNode } from '../reports/ReportForm';
import type { AwardPanelProps } from './types';

const STATUS: Record<Report['status'], { zh: string; en: string; color: string }> = {
  draft: { zh: '未提交', en: 'Not submitted', color: 'default' },
  submitted: { zh: '待审核', en: 'Awaiting the officer', color: 'processing' },
  returned: { zh: '已退回', en: 'Returned', color: 'warning' },
  accepted: { zh: '已通过', en: 'Accepted', color: 'success' },
};

export const GRADES: { value: EvaluationGrade; zh: string; en: string }[] = [
  { value: 'excellent', zh: '优秀', en: 'Excellent' },
  { value: 'good', zh: '良好', en: 'Good' },
  { value: 'pass', zh: '合格', en: 'Pass' },
  { value: 'fail', zh: '不合格', en: 'Fail' },
];

/** The countdown to a report's due day: the in-app reminder (the mails go 30, 7 and 1 days before). */
export function Countdown({ report }: { report: Pick<Report, 'daysLeft' | 'status' | 'dueOn'> }) {
  const { t } = useI18n();
  if (report.status === 'accepted' || report.daysLeft === null) return null;
  const d = report.daysLeft;
  if (d < 0)
    return (
      <Tag color="error" data-testid="countdown">
        {t(`已逾期 ${-d} 天`, `${-d} day${d === -1 ? '' : 's'} overdue`)}
      </Tag>
    );
  if (d === 0)
    return (
      <Tag color="error" data-testid="countdown">
        {t('今天到期', 'Due today')}
      </Tag>
    );
  return (
    <Tag color={d <= 7 ? 'warning' : d <= 30 ? 'gold' : 'blue'} data-testid="countdown">
      {t(`还有 ${d} 天`, `${d} day${d === 1 ? '' : 's'} left`)}
    </Tag>
  );
}

/** One report: the grantee's form and files while editable, the officer's accept / return when submitted. */
function ReportCard({
  awardId,
  awardActive,
  report,
  schema,
  kinds,
  staff,
  reload,
}: {
  awardId: string;
  awardActive: boolean;
  report: Report;
  schema: SchemaNode | null;
  kinds: { kind: string; name: { zh: string; en: string }; required: string[] }[];
  staff: boolean;
  reload: () => Promise<void>;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [decide, setDecide] = useState<'accept' | 'return' | null>(null);
  const [decideForm] = Form.useForm<{ note?: string }>();
  const editable = !staff && awardActive && (report.status === 'draft' || report.status === 'returned');
  const st = STATUS[report.status];
  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      message.success(done);
      await reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const payload = () => (form.getFieldsValue(true) as { payload?: Record<string, unknown> }).payload ?? {};
  return (
    <Card
      size="small"
      data-testid={`report-${report.kind}`}
      title={
        <Space wrap>
          <span>{pick(report.name)}</span>
          <Tag color={st.color} data-testid={`report-status-${report.kind}`}>
            {t(st.zh, st.en)}
          </Tag>
          <Countdown report={report} />
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {t('截止日期', 'Due')}: {report.dueOn ?? '—'}
        </Typography.Text>
      }
    >
      <ErrorBox error={error} onClose={() => setError(null)} />
      {report.note ? (
        <Alert
          type={report.status === 'returned' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          message={t(`审核意见：${report.note}`, `Officer's note: ${report.note}`)}
        />
      ) : null}
      {report.releasesInstalmentNo ? (
        <Typography.Paragraph type="secondary">
          {t(
            `通过后拨付第 ${report.releasesInstalmentNo} 期款项。`,
            `Accepting it releases instalment ${report.releasesInstalmentNo}.`,
          )}
        </Typography.Paragraph>
      ) : null}
      {editable && schema ? (
        <Form form={form} layout="vertical" initialValues={{ payload: report.payload }}>
          <ReportFields schema={schema} />
        </Form>
      ) : (
        <ReportPayload payload={report.payload} schema={schema} />
      )}
      <Space direction="vertical" style={{ width: '100%' }}>
        {report.attachments.map((a) => (
          <Space key={a.id} data-testid={`report-file-${a.kind}`}>
            <Tag>
              {kinds.find((k) => k.kind === a.kind) ? pick(kinds.find((k) => k.kind === a.kind)!.name) : a.kind}
            </Tag>
            <Typography.Link onClick={() => void reportsApi.download(a.id, a.filename)}>{a.filename}</Typography.Link>
            <Typography.Text type="secondary">{humanSize(a.sizeBytes)}</Typography.Text>
          </Space>
        ))}
        {editable
          ? kinds.map((k) => (
              <Upload
                key={k.kind}
                showUploadList={false}
                beforeUpload={(file) => {
                  void run(
                    () => reportsApi.upload(awardId, report.kind, k.kind, file),
                    t(`${file.name} 上传完成`, `${file.name} uploaded`),
                  );
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid={`report-upload-${report.kind}-${k.kind}`}>
                  {pick(k.name)}
                  {k.required.length ? ' *' : ''}
                </Button>
              </Upload>
            ))
          : null}
      </Space>
      {editable ? (
        <Space style={{ marginTop: 12 }}>
          <Button
            loading={busy}
            data-testid={`report-save-${report.kind}`}
            onClick={() => void run(() => reportsApi.save(awardId, report.kind, payload()), t('已保存', 'Saved'))}
          >
            {t('保存草稿', 'Save draft')}
          </Button>
          <Button
            type="primary"
            loading={busy}
            data-testid={`report-submit-${report.kind}`}
            onClick={() =>
              void run(
                async () => {
                  await reportsApi.save(awardId, report.kind, payload());
                  await reportsApi.submit(awardId, report.kind);
                },
                t('报告已提交', 'Report submitted'),
              )
            }
          >
            {t('提交报告', 'Submit report')}
          </Button>
        </Space>
      ) : null}
      {staff && awardActive && report.status === 'submitted' ? (
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" data-testid={`report-accept-${report.kind}`} onClick={() => setDecide('accept')}>
            {t('通过', 'Accept')}
          </Button>
          <Button danger data-testid={`report-return-${report.kind}`} onClick={() => setDecide('return')}>
            {t('退回修改', 'Return')}
          </Button>
        </Space>
      ) : null}
      {report.submittedAt ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('提交时间', 'Submitted')}: {fmtTime(report.submittedAt)}
          {report.decidedAt ? ` · ${t('审核时间', 'Decided')}: ${fmtTime(report.decidedAt)}` : ''}
        </Typography.Paragraph>
      ) : null}
      {decide ? (
        <FormModal
          form={decideForm}
          title={decide === 'accept' ? t('通过报告', 'Accept the report') : t('退回报告', 'Return the report')}
          okText={decide === 'accept' ? t('通过', 'Accept') : t('退回', 'Return')}
          okTestId="report-decide-ok"
          busy={busy}
          error={error}
          onCancel={() => setDecide(null)}
        >
          <Form
            form={decideForm}
            layout="vertical"
            onFinish={(v) =>
              void run(
                async () => {
                  const note = (v.note ?? '').trim();
                  if (decide === 'accept') await reportsApi.accept(report.id, note);
                  else await reportsApi.giveBack(report.id, note);
                  setDecide(null);
                },
                t('已处理', 'Done'),
              )
            }
          >
            <Form.Item
              name="note"
              label={t('意见', 'Note')}
              rules={
                decide === 'return' ? [{ required: true, message: t('请填写退回意见', 'A note is required') }] : []
              }
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="report-decide-note" />
            </Form.Item>
          </Form>
        </FormModal>
      ) : null}
    </Card>
  );
}

/** A submitted report's contents, read-only. */
function ReportPayload({ payload, schema }: { payload: Record<string, unknown>; schema: SchemaNode | null }) {
  const { lang } = useI18n();
  // in the form's order (jsonb keeps its own key order)
  const order = Object.keys(schema?.properties ?? {});
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const entries = Object.entries(payload ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  if (!entries.length) return null;
  const label = (k: string) => {
    const s = schema?.properties?.[k];
    return (lang === 'en' ? s?.description : s?.title) ?? s?.title ?? k;
  };
  const show = (k: string, v: unknown): string => {
    if (Array.isArray(v))
      return v
        .map((row) =>
          row && typeof row === 'object'
            ? Object.entries(row as Record<string, unknown>)
                .map(([ck, cv]) => (ck.endsWith('Fen') && typeof cv === 'number' ? formatFen(cv) : String(cv ?? '')))
                .join(' · ')
            : String(row),
        )
        .join('；');
    if (v && typeof v === 'object')
      return Object.values(v as Record<string, unknown>)
        .filter(Boolean)
        .join(' · ');
    if (k.endsWith('Fen') && typeof v === 'number') return formatFen(v);
    return String(v ?? '');
  };
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} data-testid="report-payload">
      {entries.map(([k, v]) => (
        <Descriptions.Item key={k} label={label(k)}>
          {show(k, v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** The officer's 绩效评价 once the closing report is accepted; 不合格 revokes the award and bars the organization. */
function EvaluationForm({ awardId, reload }: { awardId: string; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ grade: EvaluationGrade; note: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (v: { grade: EvaluationGrade; note: string }) => {
    setBusy(true);
    setError(null);
    try {
      await reportsApi.evaluate(awardId, v.grade, v.note.trim());
      message.success(t('已评价', 'Graded'));
      await reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('绩效评价', 'Evaluation')} data-testid="evaluation-form">
      <ErrorBox error={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => {
          if (v.grade !== 'fail') return void send(v);
          Modal.confirm({
            title: t('确认评为不合格？', 'Grade as fail?'),
            content: t(
              '不合格将撤销立项、追回已拨付资金，并在规定年限内禁止该单位申报。',
              'Fail revokes the award, recovers the money paid and bars the organization for the set years.',
            ),
            okButtonProps: okProps('evaluation-fail-ok', { danger: true }),
            onOk: () => send(v),
          });
        }}
      >
        <Form.Item name="grade" rules={[{ required: true, message: t('请选择等级', 'Choose a grade') }]}>
          <Select
            style={{ width: 140 }}
            placeholder={t('等级', 'Grade')}
            data-testid="evaluation-grade"
            options={GRADES.map((g) => ({ value: g.value, label: t(g.zh, g.en) }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          rules={[{ required: true, whitespace: true, message: t('请填写评价意见', 'A note is required') }]}
        >
          <Input
            style={{ width: 320 }}
            placeholder={t('评价意见', 'Note')}
            data-testid="evaluation-note"
            maxLength={2000}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="evaluation-submit">
          {t('提交评价', 'Grade')}
        </Button>
      </Form>
    </Card>
  );
}

/** Reports due after the award (issue 13): schedule with countdowns, forms and files, the officer's decisions. */
export function ReportsPanel({ award, staff, reload }: AwardPanelProps) {
  const { t, pick } = useI18n();
  const catalogue = usePrograms();
  const data = useLoad(() => reportsApi.ofAward(award.id), [award.id]);
  const program = catalogue.program(award.program);
  const d = data.data;
  if (data.error) return <ErrorBox error={data.error} />;
  if (!d || !d.reportsRequired || !d.reports.length) return null;
  const refresh = async () => {
    await data.reload();
    reload();
  };
  const held = d.instalments.filter(
    (i) => i.status === 'held' && i.reasons.some((r) => r.startsWith('report-overdue:')),
  );
  const reportName = (kind: string) => {
    const r = d.reports.find((x) => x.kind === kind);
    return r ? pick(r.name) : kind;
  };
  const grade = d.evaluation ? GRADES.find((g) => g.value === d.evaluation!.grade) : undefined;
  return (
    <Card title={t('报告', 'Reports')} data-testid="reports-panel">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {held.map((i) => (
          <Alert
            key={i.instalmentNo}
            type="error"
            showIcon
            data-testid={`held-${i.instalmentNo}`}
            message={t(
              `第 ${i.instalmentNo} 期拨款暂停：${i.reasons
                .filter((r) => r.startsWith('report-overdue:'))
                .map((r) => `${reportName(r.slice('report-overdue:'.length))}逾期`)
                .join('、')}`,
              `Instalment ${i.instalmentNo} held: ${i.reasons
                .filter((r) => r.startsWith('report-overdue:'))
                .map((r) => `${reportName(r.slice('report-overdue:'.length))} overdue`)
                .join(', ')}`,
            )}
          />
        ))}
        {d.reports.map((r) => {
          const def = program?.reports.find((x) => x.kind === r.kind);
          return (
            <ReportCard
              key={r.id}
              awardId={award.id}
              awardActive={d.awardStatus === 'active'}
              report={r}
              schema={(def?.formSchema as SchemaNode | undefined) ?? null}
              kinds={def?.attachmentKinds ?? []}
              staff={staff}
              reload={refresh}
            />
          );
        })}
        {d.evaluation ? (
          <Alert
            type={d.evaluation.grade === 'fail' ? 'error' : 'success'}
            showIcon
            data-testid="evaluation-result"
            message={t(
              `绩效评价：${grade?.zh ?? d.evaluation.grade}（${d.evaluation.note}）`,
              `Evaluation: ${grade?.en ?? d.evaluation.grade} (${d.evaluation.note})`,
            )}
            description={
              d.evaluation.grade === 'fail'
                ? t(
                    `已追回 ${formatFen(d.evaluation.recoveringFen ?? 0)}；禁止申报至 ${d.evaluation.barredUntil}`,
                    `${formatFen(d.evaluation.recoveringFen ?? 0)} put up for recovery; barred until ${d.evaluation.barredUntil}`,
                  )
                : undefined
            }
          />
        ) : null}
        {staff && d.evaluationOpen ? <EvaluationForm awardId={award.id} reload={refresh} /> : null}
      </Space>
    </Card>
  );
}

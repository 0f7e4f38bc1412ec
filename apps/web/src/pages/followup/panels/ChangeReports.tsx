import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Tooltip, Upload } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { changeReportsApi, type ChangeKind, type ChangeReport } from '../../../api/changeReports';
import { useI18n } from '../../../i18n';
import { DateInput, ErrorBox, fmtTime, FormModal, useFormSubmit, usePaged } from '../../../components/common';
import type { AwardPanelProps } from './types';

const KINDS: { value: ChangeKind; zh: string; en: string }[] = [
  { value: 'rename', zh: '企业更名', en: 'Rename' },
  { value: 'structure', zh: '股权/组织结构变更', en: 'Structure' },
  { value: 'address', zh: '注册地址变更', en: 'Address' },
  { value: 'legal-representative', zh: '法定代表人变更', en: 'Legal representative' },
];

export function useKindLabel() {
  const { t } = useI18n();
  return (k: string) => {
    const x = KINDS.find((i) => i.value === k);
    return x ? t(x.zh, x.en) : k;
  };
}

function StatusOf({ r }: { r: ChangeReport }) {
  const { t } = useI18n();
  const status =
    r.status === 'submitted' ? (
      <Tag color="processing">{t('待审核', 'Waiting')}</Tag>
    ) : r.status === 'accepted' ? (
      <Tag color="success">{t('已确认', 'Accepted')}</Tag>
    ) : (
      <Tag color="warning">{t('已退回', 'Returned')}</Tag>
    );
  return (
    <Space size={4} wrap>
      <span data-testid={`change-report-status-${r.status}`}>{status}</span>
      {r.late ? (
        <Tooltip
          title={t(
            `逾期报告：应于 ${r.deadline} 前报告（变更生效后 15 个工作日），逾期情况由审核人员认定`,
            `Late: due by ${r.deadline} (15 working days after the change); the officer judges the lateness`,
          )}
        >
          <Tag color="error" data-testid="change-report-late">
            {t('逾期', 'Late')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

/** Decide a report: accept or return, with a note. */
function DecideModal({
  report,
  to,
  onClose,
}: {
  report: ChangeReport;
  to: 'accept' | 'return';
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const { busy, error, onFinish } = useFormSubmit(form, async (v) => {
    if (to === 'accept') await changeReportsApi.accept(report.id, v.note.trim());
    else await changeReportsApi.giveBack(report.id, v.note.trim());
    onClose(true);
  });
  return (
    <FormModal
      form={form}
      title={to === 'accept' ? t('确认变更', 'Accept the change') : t('退回变更报告', 'Return the report')}
      okText={to === 'accept' ? t('确认', 'Accept') : t('退回', 'Return')}
      okTestId="change-report-decide-save"
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
    >
      {to === 'accept' && report.kind === 'rename' ? (
        <p>
          {t(
            `确认后单位名称改为“${report.newName}”，认定证书以原编号换发。`,
            `The organization becomes “${report.newName}”; its certificate is reissued under the same number.`,
          )}
        </p>
      ) : null}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="note"
          label={to === 'accept' ? t('审核意见', 'Note') : t('退回原因', 'Reason')}
          rules={[{ required: true, whitespace: true, message: t('请填写', 'Required') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} data-testid="change-report-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** Change reports as a table; officers get the accept / return buttons on waiting ones. */
export function ChangeReportTable({
  items,
  loading,
  pagination,
  staff,
  showOrganization,
  onChanged,
}: {
  items: ChangeReport[];
  loading: boolean;
  pagination: TablePaginationConfig | false;
  staff: boolean;
  showOrganization?: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  const [deciding, setDeciding] = useState<{ report: ChangeReport; to: 'accept' | 'return' } | null>(null);
  return (
    <>
      <Table<ChangeReport>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={pagination}
        data-testid="change-reports-table"
        expandable={{
          expandedRowRender: (r) => (
            <div style={{ whiteSpace: 'pre-wrap' }}>
              {r.detail}
              {r.decisionNote ? `\n\n${t('审核意见', 'Note')}: ${r.decisionNote}` : ''}
              {r.reissuedOn ? `\n${t('证书换发日期', 'Certificate reissued')}: ${r.reissuedOn}` : ''}
            </div>
          ),
        }}
        columns={[
          ...(showOrganization
            ? [{ title: t('单位', 'Organization'), dataIndex: 'organizationName', width: 200 }]
            : []),
          { title: t('变更事项', 'Change'), dataIndex: 'kind', width: 150, render: (k: string) => kindLabel(k) },
          {
            title: t('新名称', 'New name'),
            dataIndex: 'newName',
            width: 180,
            render: (x: string | null) => x ?? '—',
          },
          { title: t('生效日期', 'Effective'), dataIndex: 'effectiveOn', width: 110 },
          {
            title: t('报告期限', 'Due by'),
            dataIndex: 'deadline',
            width: 110,
            render: (x: string | null) => x ?? t('待公布日历', 'calendar not published'),
          },
          { title: t('报告时间', 'Filed'), dataIndex: 'filedAt', width: 150, render: fmtTime },
          { title: t('证书编号', 'Certificate'), dataIndex: 'certificateNo', width: 140 },
          { title: t('状态', 'Status'), width: 140, render: (_: unknown, r) => <StatusOf r={r} /> },
          {
            title: t('操作', 'Actions'),
            width: 220,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <Button size="small" type="link" onClick={() => void changeReportsApi.licence(r)}>
                  {t('营业执照', 'Licence')}
                </Button>
                {staff && r.status === 'submitted' ? (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      data-testid={`change-report-accept-${r.id}`}
                      onClick={() => setDeciding({ report: r, to: 'accept' })}
                    >
                      {t('确认', 'Accept')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      data-testid={`change-report-return-${r.id}`}
                      onClick={() => setDeciding({ report: r, to: 'return' })}
                    >
                      {t('退回', 'Return')}
                    </Button>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {deciding ? (
        <DecideModal
          report={deciding.report}
          to={deciding.to}
          onClose={(saved) => {
            setDeciding(null);
            if (saved) onChanged();
          }}
        />
      ) : null}
    </>
  );
}

interface FileValues {
  kind: ChangeKind;
  effectiveOn: string;
  newName?: string;
  detail: string;
}

function FileModal({ organizationId, onClose }: { organizationId: string; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FileValues>();
  const kind = Form.useWatch('kind', form);
  const [licence, setLicence] = useState<File | null>(null);
  const { busy, error, onFinish } = useFormSubmit(form, async (v) => {
    if (!licence) throw new Error(t('请上传变更后的营业执照', 'Attach the new business licence'));
    const r = await changeReportsApi.file(
      organizationId,
      { kind: v.kind, effectiveOn: v.effectiveOn, newName: v.newName?.trim() || undefined, detail: v.detail.trim() },
      licence,
    );
    if (r.late)
      message.warning(
        t(
          `已提交，但超过报告期限（${r.deadline}）：逾期情况由审核人员认定`,
          `Filed after the deadline (${r.deadline}): the officer judges the lateness`,
        ),
      );
    else message.success(t(`已提交（报告期限 ${r.deadline ?? '—'}）`, `Filed (due by ${r.deadline ?? '—'})`));
    onClose(true);
  });
  return (
    <FormModal
      form={form}
      title={t('报告认定企业变更', 'Report a change')}
      okText={t('提交', 'Submit')}
      okTestId="change-report-save"
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
    >
      <p style={{ color: '#666' }}>
        {t(
          '企业名称、股权结构等发生变更的，应自变更生效之日起 15 个工作日内报告（按法定节假日与调休计算）。更名经确认后，认定证书以原编号换发。',
          'Report a change within 15 working days of its effect (public holidays and make-up days counted). ' +
            'An accepted rename reissues the certificate under the same number.',
        )}
      </p>
      <Form form={form} layout="vertical" initialValues={{ kind: 'rename' }} onFinish={onFinish}>
        <Form.Item name="kind" label={t('变更事项', 'Change')} rules={[{ required: true }]}>
          <Select
            data-testid="change-report-kind"
            options={KINDS.map((k) => ({ value: k.value, label: t(k.zh, k.en) }))}
          />
        </Form.Item>
        <Form.Item
          name="effectiveOn"
          label={t('变更生效日期', 'Effective on')}
          rules={[{ required: true, message: t('请选择日期', 'Pick the day') }]}
        >
          <DateInput testId="change-report-effective" />
        </Form.Item>
        {kind === 'rename' ? (
          <Form.Item
            name="newName"
            label={t('变更后名称', 'New name')}
            rules={[{ required: true, whitespace: true, message: t('请填写新名称', 'Enter the new name') }]}
          >
            <Input maxLength={200} data-testid="change-report-new-name" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="detail"
          label={t('变更情况说明', 'What changed')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('请说明变更情况', 'Describe the change') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} data-testid="change-report-detail" />
        </Form.Item>
        <Form.Item label={t('变更后营业执照（PDF、JPG、PNG）', 'New business licence (PDF, JPG, PNG)')} required>
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            maxCount={1}
            beforeUpload={(f) => {
              setLicence(f);
              return false;
            }}
            onRemove={() => setLicence(null)}
          >
            <Button data-testid="change-report-licence">{t('选择文件', 'Choose file')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/**
 * 认定 change reports on a certificate's page (issue 13): the enterprise reports a change of name, structure, address or
 * legal representative with the new licence and sees its reports; officers see them and decide the waiting ones.
 */
export function ChangeReportsPanel({ award, staff, reload }: AwardPanelProps) {
  const { t } = useI18n();
  const [filing, setFiling] = useState(false);
  const isCertificate = award.program === 'rending' && !!award.certificateNo;
  const list = usePaged(
    (page, pageSize) =>
      isCertificate
        ? changeReportsApi.ofOrganization(award.organizationId, { page, pageSize })
        : Promise.resolve({ items: [], total: 0, page, pageSize }),
    [award.organizationId, isCertificate],
    10,
  );
  if (!isCertificate) return null;
  return (
    <Card
      size="small"
      data-testid="change-reports-panel"
      title={t('认定企业变更报告', 'Change reports (certification)')}
      extra={
        !staff && award.status === 'active' ? (
          <Button type="primary" size="small" data-testid="change-report-new" onClick={() => setFiling(true)}>
            {t('报告变更', 'Report a change')}
          </Button>
        ) : null
      }
    >
      <ErrorBox error={list.error} />
      <ChangeReportTable
        items={list.items}
        loading={list.loading}
        pagination={list.pagination}
        staff={staff}
        onChanged={() => {
          void list.reload();
          reload();
        }}
      />
      {filing ? (
        <FileModal
          organizationId={award.organizationId}
          onClose={(saved) => {
            setFiling(false);
            if (saved) {
              void list.reload();
              reload();
            }
          }}
        />
      ) : null}
    </Card>
  );
}

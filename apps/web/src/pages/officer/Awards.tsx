import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Space, Table } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type Award } from '../../api';
import { downloadFile } from '../../client';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { okProps, ErrorBox, errorText, PageTitle, StatusTag, usePaged } from '../../components/common';
import { formatFen } from '../../money';
import { CallSelect, useCalls } from './CallsAdmin';
import { provinceColumn, ProvinceSelect } from '../../provinces';

export function OfficerAwardsPage() {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? undefined;
  const province = params.get('province') ?? undefined;
  const calls = useCalls();
  const list = usePaged((page, pageSize) => api.awards({ page, pageSize, callId, province }), [callId, province]);
  const set = (k: string, val: string | undefined) => {
    const p = new URLSearchParams(params);
    if (val) p.set(k, val);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const [revoking, setRevoking] = useState<Award | null>(null);
  const [milestone, setMilestone] = useState<Award | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [revokeForm] = Form.useForm();
  const [msForm] = Form.useForm();

  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <CallSelect calls={calls.data ?? []} value={callId} onChange={(x) => set('callId', x)} />
            <ProvinceSelect value={province} onChange={(x) => set('province', x)} />
          </Space>
        }
      >
        {t('立项管理', 'Awards')}
      </PageTitle>
      <ErrorBox error={list.error || error} onClose={() => setError(null)} />
      <Table<Award>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="awards-table"
        columns={[
          {
            title: t('项目', 'Program'),
            dataIndex: 'program',
            width: 200,
            render: (p: string) => catalogue.programName(p),
          },
          { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
          {
            title: t('申报', 'Application'),
            dataIndex: 'applicationId',
            render: (x: string, a) => <Link to={`/officer/applications/${x}`}>{a.title ?? x.slice(0, 8)}</Link>,
          },
          { title: t('单位', 'Organization'), dataIndex: 'organization', render: (x: string) => x ?? '—' },
          provinceColumn<Award>(t, lang),
          { title: t('等级', 'Tier'), dataIndex: 'tier', width: 90, render: (x: string) => x ?? '—' },
          {
            title: t('金额', 'Amount'),
            dataIndex: 'amountFen',
            width: 130,
            align: 'right',
            render: (f: number | null) => (f === null || f === undefined ? '—' : formatFen(f)),
          },
          {
            title: t('证书编号', 'Certificate'),
            dataIndex: 'certificateNo',
            width: 150,
            render: (x: string) => x ?? '—',
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 80,
            render: (s: string) => <StatusTag status={s} kind="award" />,
          },
          {
            title: t('操作', 'Actions'),
            width: 280,
            render: (_: unknown, a) => (
              <Space size={4} wrap>
                <Link to={`/officer/awards/${a.id}`} data-testid={`award-followup-${a.id}`}>
                  {t('管理', 'Manage')}
                </Link>
                <Button
                  size="small"
                  onClick={() =>
                    downloadFile(api.certificatePath(a.id), `certificate-${a.id}.pdf`).catch((e) =>
                      message.error(errorText(e, lang)),
                    )
                  }
                >
                  {t('证书', 'Certificate')}
                </Button>
                {a.amountFen ? <Link to={`/awards/${a.id}/ledger`}>{t('台账', 'Ledger')}</Link> : null}
                {a.status === 'active' && a.amountFen ? (
                  <Button size="small" onClick={() => setMilestone(a)} data-testid={`milestone-${a.id}`}>
                    {t('验收里程碑', 'Accept milestone')}
                  </Button>
                ) : null}
                {a.status === 'active' ? (
                  <Button size="small" danger onClick={() => setRevoking(a)} data-testid={`revoke-${a.id}`}>
                    {t('撤销', 'Revoke')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!revoking}
        title={t('撤销立项', 'Revoke the award')}
        onCancel={() => setRevoking(null)}
        onOk={() => revokeForm.submit()}
        okText={t('撤销', 'Revoke')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={okProps('revoke-confirm', { danger: true })}
        confirmLoading={busy}
        destroyOnHidden
      >
        <p>
          {t(
            '未拨付的款项将取消，已拨付的款项将进入追回程序。',
            'Unpaid instalments are cancelled; paid ones go to recovery.',
          )}
        </p>
        <Form
          form={revokeForm}
          layout="vertical"
          onFinish={async (vals) => {
            setBusy(true);
            try {
              await api.revokeAward(revoking!.id, vals.reason.trim());
              message.success(t('已撤销', 'Revoked'));
              setRevoking(null);
              void list.reload();
            } catch (e) {
              setError(e);
              setRevoking(null);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="reason"
            label={t('撤销理由', 'Reason')}
            rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Give a reason') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="revoke-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!milestone}
        title={t('验收里程碑(中期检查/结项/费用凭证)', 'Accept a milestone (mid-term, closing, proof of spending)')}
        onCancel={() => setMilestone(null)}
        onOk={() => msForm.submit()}
        okText={t('验收', 'Accept')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        okButtonProps={okProps('milestone-confirm')}
        destroyOnHidden
      >
        <Form
          form={msForm}
          layout="vertical"
          initialValues={{ instalmentNo: 2 }}
          onFinish={async (vals) => {
            setBusy(true);
            try {
              await api.acceptMilestone(milestone!.id, vals.instalmentNo, (vals.note ?? '').trim());
              message.success(t('已验收，该期款项今日到期', 'Accepted: the instalment is due today'));
              setMilestone(null);
            } catch (e) {
              setError(e);
              setMilestone(null);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="instalmentNo" label={t('期次', 'Instalment no.')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10} precision={0} data-testid="milestone-no" />
          </Form.Item>
          <Form.Item name="note" label={t('验收意见', 'Note')}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="milestone-note" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

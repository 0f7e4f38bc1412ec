import { useState } from 'react';
import { App, Button, Form, Input, Radio, Space, Table, Tag } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type Objection } from '../../api';
import { useI18n } from '../../i18n';
import {
  ErrorBox,
  errorText,
  fmtTime,
  FormModal,
  humanSize,
  PageTitle,
  useFormSubmit,
  usePaged,
} from '../../components/common';
import { CallSelect, useCalls } from './CallsAdmin';
import { provinceLabel, ProvinceSelect } from '../../provinces';
import { downloadFile } from '../../client';

function isAnswered(o: Objection): boolean {
  return o.status === 'answered';
}

/** The objector's evidence file, downloaded as uploaded (GET /api/objections/:id/evidence). */
function EvidenceFile({ objection }: { objection: Objection }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const f = objection.evidenceFile;
  if (!f) return null;
  return (
    <Button
      size="small"
      icon={<PaperClipOutlined />}
      data-testid={`objection-evidence-${objection.id}`}
      onClick={() =>
        downloadFile(`/api/objections/${encodeURIComponent(objection.id)}/evidence`, f.fileName).catch((e) =>
          message.error(errorText(e, lang)),
        )
      }
    >
      {t('证据文件', 'Evidence file')}: {f.fileName} ({humanSize(f.size)})
    </Button>
  );
}

function AnswerModal({ objection, onClose }: { objection: Objection; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ upheld: boolean; response: string }>();
  const { busy, error, onFinish } = useFormSubmit(form, async (v) => {
    await api.resolveObjection(objection.id, { upheld: v.upheld, response: v.response.trim() });
    onClose(true);
  });
  return (
    <FormModal
      form={form}
      title={t('答复异议', 'Answer the objection')}
      okText={t('提交答复', 'Send answer')}
      okTestId="objection-answer-save"
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
    >
      <p style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8 }}>
        <strong>{objection.name}</strong> ({objection.contact}): {objection.reason}
        {objection.evidence ? (
          <>
            <br />
            {t('证据', 'Evidence')}: {objection.evidence}
          </>
        ) : null}
      </p>
      <EvidenceFile objection={objection} />
      <Form form={form} layout="vertical" initialValues={{ upheld: false }} onFinish={onFinish}>
        <Form.Item name="upheld" label={t('结论', 'Finding')}>
          <Radio.Group>
            <Radio value={true} data-testid="objection-upheld">
              {t('异议成立', 'Upheld')}
            </Radio>
            <Radio value={false} data-testid="objection-dismissed">
              {t('异议不成立', 'Not upheld')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="response"
          label={t('答复内容', 'Response')}
          rules={[{ required: true, whitespace: true, message: t('请填写答复', 'Write the response') }]}
        >
          <Input.TextArea rows={5} maxLength={2000} data-testid="objection-response" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function ObjectionsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? undefined;
  const province = params.get('province') ?? undefined;
  const calls = useCalls();
  const list = usePaged((page, pageSize) => api.objections({ page, pageSize, callId, province }), [callId, province]);
  const set = (k: string, val: string | undefined) => {
    const p = new URLSearchParams(params);
    if (val) p.set(k, val);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const [answering, setAnswering] = useState<Objection | null>(null);
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
        {t('异议处理', 'Objections')}
      </PageTitle>
      <ErrorBox error={list.error} />
      <Table<Objection>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="objections-table"
        expandable={{
          expandedRowRender: (o) => (
            <div style={{ whiteSpace: 'pre-wrap' }}>
              {o.reason}
              {o.evidence ? `\n${t('证据', 'Evidence')}: ${o.evidence}` : ''}
              {o.response ? `\n\n${t('答复', 'Response')}: ${o.response}` : ''}
              {o.evidenceFile ? (
                <div style={{ marginTop: 8 }}>
                  <EvidenceFile objection={o} />
                </div>
              ) : null}
            </div>
          ),
        }}
        columns={[
          { title: t('提交时间', 'Filed'), dataIndex: 'createdAt', width: 150, render: fmtTime },
          { title: t('异议人', 'Name'), dataIndex: 'name', width: 120 },
          { title: t('联系方式', 'Contact'), dataIndex: 'contact', width: 170 },
          {
            title: t('针对申报', 'Entry'),
            dataIndex: 'entryApplicationId',
            width: 220,
            render: (x: string, o) => (
              <Link to={`/officer/applications/${x}`}>
                {o.entry ? `${o.entry.number ?? ''} ${o.entry.organization}`.trim() : `${x?.slice(0, 8)}…`}
                {o.entry?.removed ? (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {t('已撤出', 'Removed')}
                  </Tag>
                ) : null}
              </Link>
            ),
          },
          {
            title: t('省份', 'Province'),
            width: 80,
            render: (_: unknown, o) => provinceLabel(o.entry?.province, lang),
          },
          { title: t('理由', 'Reason'), dataIndex: 'reason', ellipsis: true },
          {
            title: t('状态', 'Status'),
            width: 120,
            render: (_: unknown, o) => {
              if (!isAnswered(o)) return <Tag color="warning">{t('待答复', 'Unanswered')}</Tag>;
              const upheld = o.upheld;
              return upheld ? (
                <Tag color="error">{t('成立', 'Upheld')}</Tag>
              ) : (
                <Tag color="success">{t('不成立', 'Not upheld')}</Tag>
              );
            },
          },
          {
            title: t('操作', 'Actions'),
            width: 100,
            render: (_: unknown, o) =>
              isAnswered(o) ? null : (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setAnswering(o)}
                    data-testid={`objection-answer-${o.id}`}
                  >
                    {t('答复', 'Answer')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {answering ? (
        <AnswerModal
          objection={answering}
          onClose={(saved) => {
            setAnswering(null);
            if (saved) {
              message.success(t('已答复', 'Answered'));
              void list.reload();
            }
          }}
        />
      ) : null}
    </div>
  );
}

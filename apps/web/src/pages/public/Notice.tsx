import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Select, Spin, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBox, fmtTime, useFormSubmit, useLoad } from '../../components/common';
import { formatFen } from '../../money';
import { uploadMultipart } from '../../client';

interface ObjectionValues {
  name: string;
  contact: string;
  entryApplicationId: string;
  reason: string;
  evidence?: string;
}

export function PublicNoticePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [form] = Form.useForm<ObjectionValues>();
  const notice = useLoad(() => api.publicNotice(id), [id]);
  const [done, setDone] = useState(false);
  // an optional evidence file (PDF, JPEG, PNG): then the objection goes as multipart with the same fields
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, setError, onFinish } = useFormSubmit(form, async (v: ObjectionValues) => {
    const fields = {
      name: v.name.trim(),
      contact: v.contact.trim(),
      entryApplicationId: v.entryApplicationId,
      reason: v.reason.trim(),
      ...(v.evidence?.trim() ? { evidence: v.evidence.trim() } : {}),
    };
    if (file) {
      const body = new FormData();
      for (const [k, val] of Object.entries(fields)) body.append(k, val);
      body.append('file', file, file.name);
      await uploadMultipart(`/api/public/notices/${encodeURIComponent(id)}/objections`, body).promise;
    } else await api.object(id, fields);
    setDone(true);
  });

  if (notice.error) return <ErrorBox error={notice.error} />;
  if (!notice.data) return <Spin />;
  const n = notice.data;
  // The portal's clock decides (`open` from the API); the browser's own clock only when the API does not say.
  const now = dayjs();
  const open = n.open ?? (!now.isBefore(dayjs(n.startsAt)) && now.isBefore(dayjs(n.endsAt)));
  const listed = n.entries.filter((e) => !e.removed);
  const hasMoney = n.entries.some((e) => e.amountFen !== null && e.amountFen !== undefined);

  return (
    <div style={{ maxWidth: 1100, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {n.callTitle
          ? `${n.callTitle} ${t('拟立项名单公示', '— public notice of the proposed list')}`
          : t('拟立项名单公示', 'Public notice of the proposed list')}
      </Typography.Title>
      <Alert
        type={open ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="notice-window"
        title={
          <span>
            {t('公示期', 'Notice period')}: {fmtTime(n.startsAt)} — {fmtTime(n.endsAt)}{' '}
            {open ? <Tag color="green">{t('公示中', 'Open')}</Tag> : <Tag>{t('已结束', 'Ended')}</Tag>}
          </span>
        }
        description={t(
          '公示期间，任何单位和个人均可实名提出书面异议。',
          'During the notice anyone may object in writing under their real name.',
        )}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="applicationId"
          pagination={false}
          dataSource={n.entries}
          data-testid="notice-entries"
          columns={[
            { title: '#', width: 50, render: (_: unknown, _r, i) => i + 1 },
            { title: t('申报编号', 'Number'), dataIndex: 'number', width: 150, render: (x: string) => x ?? '—' },
            { title: t('申报单位', 'Organization'), dataIndex: 'organization' },
            { title: t('项目名称', 'Title'), dataIndex: 'title' },
            {
              title: t('等级/称号', 'Tier'),
              dataIndex: 'tier',
              width: 120,
              render: (x: string, e) => (e.removed ? <Tag color="red">{t('已撤出', 'Removed')}</Tag> : (x ?? '—')),
            },
            ...(hasMoney
              ? [
                  {
                    title: t('拟资助金额', 'Proposed amount'),
                    dataIndex: 'amountFen',
                    width: 140,
                    align: 'right' as const,
                    render: (f: number, e: { removed?: boolean }) => (e.removed ? <s>{formatFen(f)}</s> : formatFen(f)),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('提出异议', 'File an objection')}>
        {done ? (
          <Result
            status="success"
            data-testid="objection-filed"
            title={t('异议已提交', 'Objection filed')}
            subTitle={t('我们会在公示期结束前答复。', 'You will get an answer before the list is final.')}
          />
        ) : (
          <>
            {!open ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={t(
                  '当前不在公示期内，异议将不被受理。',
                  'The notice period is not running; objections are not accepted now.',
                )}
              />
            ) : null}
            <ErrorBox error={error} onClose={() => setError(null)} />
            <Form form={form} layout="vertical" style={{ maxWidth: 640 }} onFinish={onFinish}>
              <Form.Item
                name="name"
                label={t('真实姓名', 'Real name')}
                rules={[{ required: true, whitespace: true, message: t('须实名', 'Your real name is required') }]}
              >
                <Input maxLength={100} data-testid="objection-name" />
              </Form.Item>
              <Form.Item
                name="contact"
                label={t('联系方式(电话或邮箱)', 'Contact (phone or e-mail)')}
                rules={[{ required: true, whitespace: true, message: t('请填写联系方式', 'Enter a contact') }]}
              >
                <Input maxLength={200} data-testid="objection-contact" />
              </Form.Item>
              <Form.Item
                name="entryApplicationId"
                label={t('异议对象', 'Entry objected to')}
                rules={[{ required: true, message: t('请选择', 'Choose one') }]}
              >
                <Select
                  data-testid="objection-entry"
                  options={listed.map((e) => ({
                    value: e.applicationId,
                    label: `${e.number ?? ''} ${e.organization ?? ''} ${e.title ?? ''}`.trim(),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('异议理由', 'Reasons')}
                rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Give your reasons') }]}
              >
                <Input.TextArea rows={5} maxLength={5000} showCount data-testid="objection-reason" />
              </Form.Item>
              <Form.Item name="evidence" label={t('证据说明(选填)', 'Evidence (optional)')}>
                <Input.TextArea rows={3} maxLength={5000} data-testid="objection-evidence" />
              </Form.Item>
              <Form.Item
                label={t('证据文件(选填，PDF、JPG 或 PNG)', 'Evidence file (optional: PDF, JPEG or PNG)')}
                htmlFor="objection-evidence-file"
              >
                <input
                  id="objection-evidence-file"
                  type="file"
                  accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                  data-testid="objection-evidence-file"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="objection-submit">
                {t('提交异议', 'Submit objection')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Space, Spin, Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { applyServerErrors, ErrorBox, PageTitle, StatusTag, useLoad } from '../../components/common';
import { EligibilityList, HistoryTimeline, PayloadView } from '../../components/appview';
import { AttachmentList } from '../../components/attachments';
import { OrganizationFlagsCard } from './OrganizationFlags';
import { ProvinceTag } from '../../provinces';
import { DossierButtons } from '../../components/DossierButtons';

export function OfficerApplicationPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const data = useLoad(async () => {
    const app = await api.application(id);
    const [history, eligibility, call] = await Promise.all([
      api.history(id).catch(() => []),
      api.eligibility(id).catch(() => null),
      api.call(app.callId).catch(() => null),
    ]);
    return { app, history, eligibility, call };
  }, [id]);
  const decision = Form.useWatch('decision', form);

  if (data.error) return <ErrorBox error={data.error} />;
  if (!data.data) return <Spin />;
  const { app, history, eligibility, call } = data.data;

  const onFinish = async (values: { decision: 'accept' | 'return' | 'reject'; comment?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.screening(id, { decision: values.decision, comment: (values.comment ?? '').trim() });
      message.success(t('已记录形式审查结论', 'Decision recorded'));
      form.resetFields();
      void data.reload();
    } catch (e) {
      applyServerErrors(form, e, lang);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageTitle extra={<DossierButtons applicationId={id} number={app.number} />}>
        <Space wrap>
          {app.title}
          <StatusTag status={app.status} />
          {app.number ? <Tag color="blue">{app.number}</Tag> : null}
          <ProvinceTag code={app.provinceCode} name={app.provinceName} />
        </Space>
      </PageTitle>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('申报内容', 'Application')} style={{ marginBottom: 16 }}>
            <p>
              {app.organizationName ? <strong>{app.organizationName} · </strong> : null}
              {call ? `${call.title} · ${catalogue.programName(call.programCode)}` : ''}{' '}
              {app.track ? <Tag>{catalogue.trackName(null, app.track)}</Tag> : null}
            </p>
            <PayloadView payload={app.payload} />
          </Card>
          <Card size="small" title={t('附件材料', 'Attachments')} style={{ marginBottom: 16 }}>
            <AttachmentList applicationId={id} attachments={app.attachments ?? []} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          {app.status === 'submitted' ? (
            <Card size="small" title={t('形式审查', 'Formal check')} style={{ marginBottom: 16 }}>
              <ErrorBox error={error} onClose={() => setError(null)} />
              <Form form={form} layout="vertical" onFinish={onFinish}>
                <Form.Item
                  name="decision"
                  label={t('结论', 'Decision')}
                  rules={[{ required: true, message: t('请选择结论', 'Choose a decision') }]}
                >
                  <Radio.Group>
                    <Radio.Button value="accept" data-testid="screening-accept">
                      {t('受理', 'Accept')}
                    </Radio.Button>
                    <Radio.Button value="return" data-testid="screening-return">
                      {t('退回补正', 'Return')}
                    </Radio.Button>
                    <Radio.Button value="reject" data-testid="screening-reject">
                      {t('不予受理', 'Reject')}
                    </Radio.Button>
                  </Radio.Group>
                </Form.Item>
                <Form.Item
                  name="comment"
                  label={t('意见', 'Comment')}
                  rules={[
                    {
                      required: decision === 'return' || decision === 'reject',
                      whitespace: true,
                      message: t('退回或不予受理须填写意见', 'A comment is required to return or reject'),
                    },
                  ]}
                >
                  <Input.TextArea rows={4} maxLength={2000} data-testid="screening-comment" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="screening-submit">
                  {t('提交结论', 'Record decision')}
                </Button>
              </Form>
            </Card>
          ) : (
            <Alert
              style={{ marginBottom: 16 }}
              type="info"
              showIcon
              title={t('只有“已提交”的申报可进行形式审查。', 'Only submitted applications take the formal check.')}
            />
          )}
          {app.organizationId ? (
            <OrganizationFlagsCard
              organizationId={app.organizationId}
              organizationName={app.organizationName ?? undefined}
              onSaved={() => void data.reload()}
            />
          ) : null}
          <Card size="small" title={t('资格条件', 'Eligibility')} style={{ marginBottom: 16 }}>
            <EligibilityList eligibility={eligibility} />
          </Card>
          <Card size="small" title={t('办理记录', 'History')}>
            <HistoryTimeline history={history} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

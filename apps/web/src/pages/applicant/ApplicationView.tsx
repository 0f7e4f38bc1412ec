import { Alert, App, Button, Card, Col, Popconfirm, Row, Space, Spin, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, itemsOf } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, errorText, PageTitle, StatusTag, useLoad } from '../../components/common';
import { HistoryTimeline, PayloadView } from '../../components/appview';
import { AttachmentList } from '../../components/attachments';
import { downloadFile } from '../../client';
import { InstalmentsTable } from './MyAwards';
import { ProvinceTag } from '../../provinces';
import { DossierButtons } from '../../components/DossierButtons';

export function ApplicationViewPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const data = useLoad(async () => {
    const [app, history] = await Promise.all([api.application(id), api.history(id).catch(() => [])]);
    const call = await api.call(app.callId).catch(() => null);
    const payments = app.awardId
      ? itemsOf(await api.payments({ pageSize: 100 }).catch(() => null)).filter((p) => p.awardId === app.awardId)
      : [];
    return { app, history, call, payments };
  }, [id]);

  if (data.error) return <ErrorBox error={data.error} />;
  if (!data.data) return <Spin />;
  const { app, history, call, payments } = data.data;
  const last = history[history.length - 1];
  const canWithdraw = app.status === 'submitted' || app.status === 'draft' || app.status === 'returned';

  return (
    <div>
      <PageTitle
        extra={
          <Space>
            <DossierButtons applicationId={id} number={app.number} />
            {app.status === 'draft' || app.status === 'returned' ? (
              <Link to={`/applications/${id}/edit`}>
                <Button type="primary" data-testid="app-edit">
                  {app.status === 'returned'
                    ? t('修改并重新提交', 'Correct and resubmit')
                    : t('继续填写', 'Continue editing')}
                </Button>
              </Link>
            ) : null}
            {canWithdraw ? (
              <Popconfirm
                title={t('确认撤回此申报？', 'Withdraw this application?')}
                okText={t('撤回', 'Withdraw')}
                cancelText={t('取消', 'Cancel')}
                onConfirm={async () => {
                  try {
                    await api.withdraw(id);
                    message.success(t('已撤回', 'Withdrawn'));
                    void data.reload();
                  } catch (e) {
                    message.error(errorText(e, lang));
                  }
                }}
              >
                <Button danger data-testid="app-withdraw">
                  {t('撤回', 'Withdraw')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      >
        <Space wrap>
          {app.title}
          <StatusTag status={app.status} />
          {app.status !== 'draft' ? (
            // which level has it: the provincial office until it forwards it (calls with a provincial stage)
            <Tag data-testid="app-level">
              {app.level === 'provincial'
                ? t('省级主管部门审核中', 'With the provincial office')
                : t('国家级', 'National office')}
            </Tag>
          ) : null}
          {app.number ? (
            <Tag color="blue" data-testid="app-number">
              {app.number}
            </Tag>
          ) : null}
          <ProvinceTag code={app.provinceCode} name={app.provinceName} />
        </Space>
      </PageTitle>
      {app.status === 'returned' && last?.comment ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="return-comment"
          title={t('退回补正意见', 'Returned for correction')}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{last.comment}</span>}
        />
      ) : null}
      {app.status === 'rejected' && last?.comment ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('不予受理', 'Rejected')}
          description={last.comment}
        />
      ) : null}
      {app.awardId ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="award-outcome"
          title={t('已立项/认定', 'Awarded')}
          action={
            <Button
              size="small"
              data-testid="certificate-download"
              onClick={() =>
                downloadFile(api.certificatePath(app.awardId!), `certificate-${app.number ?? app.id}.pdf`).catch((e) =>
                  message.error(errorText(e, lang)),
                )
              }
            >
              {t('下载证书/立项通知', 'Download certificate')}
            </Button>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('申报内容', 'Application')} style={{ marginBottom: 16 }}>
            <p>
              {call ? `${call.title} · ` : ''}
              {call ? catalogue.programName(call.programCode) : ''}{' '}
              {app.track ? <Tag>{catalogue.trackName(null, app.track)}</Tag> : null}
            </p>
            <PayloadView payload={app.payload} />
          </Card>
          <Card size="small" title={t('附件材料', 'Attachments')} style={{ marginBottom: 16 }}>
            <AttachmentList applicationId={id} attachments={app.attachments ?? []} />
          </Card>
          {app.awardId ? (
            <Card
              size="small"
              title={t('拨付情况', 'Payments')}
              style={{ marginBottom: 16 }}
              extra={<Link to={`/awards/${app.awardId}/ledger`}>{t('资金台账', 'Ledger')}</Link>}
            >
              <InstalmentsTable items={payments} />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('办理进度', 'Progress')}>
            <HistoryTimeline history={history} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

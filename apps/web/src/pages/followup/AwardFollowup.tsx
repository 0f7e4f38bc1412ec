import { Card, Descriptions, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { client, unwrap, type Award } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, PageTitle, StatusTag, useLoad } from '../../components/common';
import { formatFen } from '../../money';
import { AgreementPanel } from './panels/Agreement';
import { ReportsPanel } from './panels/Reports';
import { ChangesPanel } from './panels/Changes';
import { ChangeReportsPanel } from './panels/ChangeReports';
import { AnnualReviewPanel } from './panels/AnnualReview';

/**
 * One award's life after the decision (issue 13), for the grantee (/my/awards/:id) and for officers
 * (/officer/awards/:id): the agreement, reports due, changes, and for a certificate its annual review.
 */
export function AwardFollowupPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me } = useAuth();
  const catalogue = usePrograms();
  const staff = !!me?.roles.some((r) => r === 'officer' || r === 'finance' || r === 'admin');
  const data = useLoad(
    async () => unwrap(client.GET('/api/awards/{id}', { params: { path: { id } } })) as Promise<Award>,
    [id],
  );
  const award = data.data;
  return (
    <div>
      <PageTitle>{t('立项后管理', 'After the award')}</PageTitle>
      <ErrorBox error={data.error} />
      {award ? (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small" data-testid="award-summary">
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('项目', 'Program')}>{catalogue.programName(award.program)}</Descriptions.Item>
              <Descriptions.Item label={t('年度', 'Year')}>{award.year}</Descriptions.Item>
              <Descriptions.Item label={t('状态', 'Status')}>
                <StatusTag status={award.status} kind="award" />
              </Descriptions.Item>
              <Descriptions.Item label={t('等级/称号', 'Tier')}>{award.tier ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('金额', 'Amount')}>
                {award.amountFen ? formatFen(award.amountFen) : t('认定(无资金)', 'certification')}
              </Descriptions.Item>
              <Descriptions.Item label={t('证书编号', 'Certificate no.')}>
                {award.certificateNo ?? '—'}
              </Descriptions.Item>
            </Descriptions>
            {award.amountFen ? <Link to={`/awards/${award.id}/ledger`}>{t('资金台账', 'Ledger')}</Link> : null}
          </Card>
          <AgreementPanel award={award} staff={staff} reload={data.reload} />
          <ReportsPanel award={award} staff={staff} reload={data.reload} />
          <ChangesPanel award={award} staff={staff} reload={data.reload} />
          <ChangeReportsPanel award={award} staff={staff} reload={data.reload} />
          <AnnualReviewPanel award={award} staff={staff} reload={data.reload} />
        </Space>
      ) : null}
    </div>
  );
}

import { Tabs } from 'antd';
import { useI18n } from '../../i18n';
import { PageTitle } from '../../components/common';
import { AgreementsQueue } from './queues/Agreements';
import { ReportsQueue } from './queues/Reports';
import { ChangesQueue } from './queues/Changes';
import { ChangeReportsQueue } from './queues/ChangeReports';
import { AnnualReviewsQueue } from './queues/AnnualReviews';
import { OverdueQueue } from './queues/Overdue';

/** The officer's work after the awards (issue 13): one tab per queue. */
export function OfficerQueuesPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageTitle>{t('立项后管理', 'After the award')}</PageTitle>
      <Tabs
        data-testid="followup-tabs"
        items={[
          { key: 'agreements', label: t('待会签任务书', 'Agreements to countersign'), children: <AgreementsQueue /> },
          { key: 'reports', label: t('待审报告', 'Reports to accept'), children: <ReportsQueue /> },
          { key: 'changes', label: t('变更申请', 'Changes to decide'), children: <ChangesQueue /> },
          { key: 'change-reports', label: t('认定变更', 'Certification changes'), children: <ChangeReportsQueue /> },
          { key: 'annual', label: t('年审', 'Annual reviews'), children: <AnnualReviewsQueue /> },
          { key: 'overdue', label: t('逾期', 'Overdue'), children: <OverdueQueue /> },
        ]}
      />
    </div>
  );
}

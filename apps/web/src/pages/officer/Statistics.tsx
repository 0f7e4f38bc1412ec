import { useState } from 'react';
import { App, Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { publicInfoApi } from '../../api/publicInfo';
import { useAuth } from '../../auth';
import { downloadFile } from '../../client';
import { useI18n } from '../../i18n';
import { PageTitle } from '../../components/common';
import { StatisticsView } from '../../components/StatisticsView';

/**
 * The officers' (and admins') dashboards: the public's figures limited to the officer's scope — a provincial officer
 * sees their province (and programs) only. An admin may recompute the summary at once (the worker does it regularly).
 */
export function OfficerStatisticsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const refresh = async () => {
    await publicInfoApi.refreshStatistics();
    setVersion((x) => x + 1);
    message.success(t('统计已重新计算', 'Recomputed'));
  };
  return (
    <div>
      <PageTitle>{t('统计分析', 'Statistics')}</PageTitle>
      <StatisticsView
        testId="officer-statistics"
        version={version}
        load={publicInfoApi.statistics}
        csv={(f) => ({ onClick: () => void downloadFile(publicInfoApi.statisticsCsvPath, 'statistics.csv', f) })}
        extra={
          me?.roles.includes('admin') ? (
            <Button icon={<ReloadOutlined />} onClick={() => void refresh()} data-testid="stats-refresh">
              {t('立即重新统计', 'Recompute now')}
            </Button>
          ) : null
        }
      />
    </div>
  );
}

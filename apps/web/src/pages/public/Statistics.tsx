import { publicInfoApi } from '../../api/publicInfo';
import { useI18n } from '../../i18n';
import { PageTitle } from '../../components/common';
import { StatisticsView } from '../../components/StatisticsView';

/** The public statistics (no login): applications, pass rates, awards and money by program, province and year. */
export function PublicStatisticsPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageTitle>{t('统计数据', 'Statistics')}</PageTitle>
      <StatisticsView
        testId="public-statistics"
        load={publicInfoApi.publicStatistics}
        csv={(f) => ({ href: publicInfoApi.publicStatisticsCsv(f) })}
      />
    </div>
  );
}

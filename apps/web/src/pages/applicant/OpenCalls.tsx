import { Spin } from 'antd';
import { api, itemsOf } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBox, PageTitle, useLoad } from '../../components/common';
import { CallCards } from '../../components/CallCards';

/** The applicant's open calls: the same cards (countdown, guide, 我要申报) as the public calls page. */
export function OpenCallsPage() {
  const { t } = useI18n();
  const calls = useLoad(async () => itemsOf(await api.calls({ status: 'open', pageSize: 100 })), []);
  return (
    <div>
      <PageTitle>{t('开放申报的批次', 'Open calls')}</PageTitle>
      <ErrorBox error={calls.error} />
      {calls.loading && !calls.data ? <Spin /> : <CallCards calls={calls.data ?? []} />}
    </div>
  );
}

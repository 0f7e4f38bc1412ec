import { Spin, Typography } from 'antd';
import { itemsOf } from '../../api';
import { publicInfoApi } from '../../api/publicInfo';
import { useI18n } from '../../i18n';
import { ErrorBox, PageTitle, useLoad } from '../../components/common';
import { CallCards } from '../../components/CallCards';

/** Every open call and the ones about to open (no login): what GET /api/calls shows the public. */
export function PublicCallsPage() {
  const { t } = useI18n();
  const open = useLoad(async () => itemsOf(await publicInfoApi.openCalls()), []);
  const upcoming = useLoad(async () => itemsOf(await publicInfoApi.upcomingCalls()), []);
  return (
    <div data-testid="public-calls">
      <PageTitle>{t('开放申报的批次', 'Open calls')}</PageTitle>
      <ErrorBox error={open.error} />
      {open.loading && !open.data ? <Spin /> : <CallCards calls={open.data ?? []} />}
      {upcoming.data?.length ? (
        <>
          <Typography.Title level={4} style={{ marginTop: 24 }}>
            {t('即将开放', 'Opening soon')}
          </Typography.Title>
          <CallCards calls={upcoming.data} />
        </>
      ) : null}
    </div>
  );
}

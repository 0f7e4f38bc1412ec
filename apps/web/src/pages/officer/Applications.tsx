import { Select, Space, Table } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type ApplicationListItem } from '../../api';
import { APPLICATION_STATUS, useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, fmtTime, PageTitle, StatusTag, usePaged } from '../../components/common';
import { CallSelect, useCalls } from './CallsAdmin';
import { ProvinceSelect } from '../../provinces';

export function OfficerApplicationsPage() {
  const { t, v, pick } = useI18n();
  const catalogue = usePrograms();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? undefined;
  const status = params.get('status') ?? undefined;
  const province = params.get('province') ?? undefined;
  const calls = useCalls();
  const list = usePaged(
    (page, pageSize) => api.applications({ page, pageSize, callId, status, province }),
    [callId, status, province],
  );
  const set = (k: string, val: string | undefined) => {
    const p = new URLSearchParams(params);
    if (val) p.set(k, val);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <CallSelect calls={calls.data ?? []} value={callId} onChange={(x) => set('callId', x)} />
            <ProvinceSelect value={province} onChange={(x) => set('province', x)} />
            <Select
              allowClear
              style={{ width: 170 }}
              placeholder={t('状态', 'Status')}
              aria-label={t('状态', 'Status')}
              value={status}
              onChange={(x) => set('status', x)}
              data-testid="apps-status-filter"
              options={Object.keys(APPLICATION_STATUS).map((s) => ({ value: s, label: v(APPLICATION_STATUS, s) }))}
            />
          </Space>
        }
      >
        {t('申报审查', 'Applications')}
      </PageTitle>
      <ErrorBox error={list.error} />
      <Table<ApplicationListItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="officer-apps-table"
        columns={[
          { title: t('申报编号', 'Number'), dataIndex: 'number', width: 160, render: (n: string) => n ?? '—' },
          {
            title: t('申报名称', 'Title'),
            dataIndex: 'title',
            render: (x: string, a) => (
              <Link to={`/officer/applications/${a.id}`} data-testid={`officer-app-${a.id}`}>
                {x || '—'}
              </Link>
            ),
          },
          {
            title: t('申报单位', 'Organization'),
            dataIndex: 'organizationName',
            width: 220,
            render: (x: string) => x ?? '—',
          },
          {
            title: t('省份', 'Province'),
            dataIndex: 'provinceCode',
            width: 90,
            render: (code: string | null, a) => (code ? pick(a.provinceName ?? code) : '—'),
          },
          {
            title: t('类别', 'Track'),
            dataIndex: 'track',
            width: 140,
            render: (x: string) => catalogue.trackName(null, x),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 120,
            render: (s: string) => <StatusTag status={s} />,
          },
          { title: t('提交时间', 'Submitted'), dataIndex: 'submittedAt', width: 150, render: fmtTime },
        ]}
      />
    </div>
  );
}

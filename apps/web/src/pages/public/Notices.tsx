import { useState } from 'react';
import { Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { publicInfoApi, type PublicNoticeItem } from '../../api/publicInfo';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, fmtTime, PageTitle, usePaged } from '../../components/common';

/** The index of notices (公示, no login): those running now, with the way to object, and past ones. */
export function PublicNoticesPage() {
  const { t } = useI18n();
  const catalogue = usePrograms();
  const [state, setState] = useState<'open' | 'past'>('open');
  const list = usePaged((page, pageSize) => publicInfoApi.notices(state, page, pageSize), [state]);
  return (
    <div data-testid="public-notices">
      <PageTitle>{t('公示公告', 'Public notices')}</PageTitle>
      <Tabs
        activeKey={state}
        onChange={(k) => setState(k as 'open' | 'past')}
        items={[
          { key: 'open', label: <span data-testid="notices-tab-open">{t('正在公示', 'Running now')}</span> },
          { key: 'past', label: <span data-testid="notices-tab-past">{t('往期公示', 'Past notices')}</span> },
        ]}
      />
      <ErrorBox error={list.error} />
      <Table<PublicNoticeItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="public-notices-table"
        columns={[
          {
            title: t('批次', 'Call'),
            dataIndex: 'callTitle',
            render: (x: string, n) => <Link to={`/public/notices/${n.id}`}>{x}</Link>,
          },
          {
            title: t('项目', 'Program'),
            dataIndex: 'program',
            width: 200,
            render: (p: string) => catalogue.programName(p),
          },
          { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
          { title: t('公示名单', 'Entries'), dataIndex: 'entries', width: 90 },
          {
            title: t('公示期', 'Period'),
            key: 'period',
            width: 300,
            render: (_: unknown, n) => `${fmtTime(n.startsAt)} — ${fmtTime(n.endsAt)}`,
          },
          {
            title: t('异议', 'Objections'),
            key: 'object',
            width: 160,
            render: (_: unknown, n) =>
              n.open ? (
                <Link to={`/public/notices/${n.id}`} data-testid={`object-${n.id}`}>
                  {t('提出异议', 'Object')}
                </Link>
              ) : (
                <Tag>{t('公示已结束', 'Ended')}</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}

import { useState } from 'react';
import { Card, Empty, Pagination, Space, Spin, Table, Typography } from 'antd';
import { api, type PublicList } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, PageTitle, StatusTag, usePaged } from '../../components/common';
import { fmtTime } from '../../components/time';
import { ProgramYearFilter } from '../../components/ProgramYearFilter';

type Entry = PublicList['entries'][number];

/**
 * Issue 15: the published lists without money (推优's quarterly recommendations, the 一带一路 list), one card per
 * finalized call, newest first; no amounts (there are none). The lists with money stay on the award list page.
 */
export function PublicListsPage() {
  const { t } = useI18n();
  const catalogue = usePrograms();
  const programs = catalogue.programs.filter((p) => !p.award.money || p.award.listTracks.length > 0);
  const [program, setProgram] = useState<string | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const lists = usePaged((page, pageSize) => api.publicLists({ page, pageSize, program, year }), [program, year]);
  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <ProgramYearFilter
              program={program}
              onProgram={setProgram}
              year={year}
              onYear={setYear}
              testId="public-lists"
              programs={programs.map((p) => p.code)}
              width={300}
            />
          </Space>
        }
      >
        {t('推荐与入选名录', 'Recommendation lists')}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {t(
          '不含资金的推荐名单和名录（如季度优秀国产动画片推荐、“一带一路”国际合作重点名录），按批次定稿后公布。',
          'Lists without money (the quarterly recommended animations, the Belt and Road list), published when each call is finalized.',
        )}
      </Typography.Paragraph>
      <ErrorBox error={lists.error} />
      {lists.loading && !lists.items.length ? <Spin /> : null}
      {!lists.loading && !lists.items.length && !lists.error ? (
        <Empty description={t('暂无已公布的名单', 'No list published yet')} />
      ) : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {lists.items.map((l) => (
          <Card
            key={l.callId}
            size="small"
            data-testid={`public-list-${l.callId}`}
            title={
              <Space wrap>
                <span>{l.callTitle}</span>
                <Typography.Text type="secondary">{catalogue.programName(l.program)}</Typography.Text>
              </Space>
            }
            extra={
              <Typography.Text type="secondary">
                {t('公布于', 'Published')} {fmtTime(l.publishedAt)}
              </Typography.Text>
            }
          >
            <Table<Entry>
              rowKey="awardId"
              size="small"
              pagination={false}
              dataSource={l.entries}
              scroll={{ x: 720 }}
              columns={[
                {
                  title: t('申报编号', 'Number'),
                  dataIndex: 'number',
                  width: 170,
                  render: (x: string | null) => x ?? '—',
                },
                { title: t('单位', 'Organization'), dataIndex: 'organization' },
                { title: t('作品/项目', 'Work or project'), dataIndex: 'title' },
                {
                  title: t('入选类别', 'Listed as'),
                  dataIndex: 'listTitle',
                  width: 220,
                  render: (x: string | null) => x ?? '—',
                },
                {
                  title: t('状态', 'Status'),
                  dataIndex: 'status',
                  width: 110,
                  render: (s: string) => <StatusTag status={s} kind="award" />,
                },
              ]}
            />
          </Card>
        ))}
      </Space>
      {lists.pagination.total > lists.pagination.pageSize ? (
        <Pagination style={{ marginTop: 16 }} {...lists.pagination} />
      ) : null}
    </div>
  );
}

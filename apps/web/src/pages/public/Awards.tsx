import { useState } from 'react';
import { Button, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, type PublicAward } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, PageTitle, StatusTag, usePaged } from '../../components/common';
import { formatFen } from '../../money';
import { provinceLabel, ProvinceSelect } from '../../provinces';
import { ProgramYearFilter } from '../../components/ProgramYearFilter';

export function PublicAwardsPage() {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const [program, setProgram] = useState<string | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [province, setProvince] = useState<string | undefined>();
  // the downloads keep API.md's columns unless a province is chosen (then `province` comes last); the page always shows it
  const q = { program, year, province };
  const list = usePaged(
    (page, pageSize) => api.publicAwards({ page, pageSize, ...q, withProvince: true }),
    [program, year, province],
  );
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
              testId="public-awards"
            />
            <ProvinceSelect value={province} onChange={setProvince} />
            <a href={api.publicAwardsFile('csv', q)} data-testid="public-awards-csv">
              <Button icon={<DownloadOutlined />}>CSV</Button>
            </a>
            <a href={api.publicAwardsFile('xlsx', q)} data-testid="public-awards-xlsx">
              <Button icon={<DownloadOutlined />}>XLSX</Button>
            </a>
          </Space>
        }
      >
        {t('立项与认定名单', 'Award lists')}
      </PageTitle>
      <ErrorBox error={list.error} />
      <Table<PublicAward>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="public-awards-table"
        columns={[
          {
            title: t('项目', 'Program'),
            dataIndex: 'program',
            width: 220,
            render: (p: string) => catalogue.programName(p),
          },
          { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
          { title: t('单位', 'Organization'), dataIndex: 'organization' },
          {
            title: t('省份', 'Province'),
            dataIndex: 'province',
            width: 80,
            render: (code: string | null | undefined) => provinceLabel(code, lang),
          },
          { title: t('项目名称', 'Title'), dataIndex: 'title' },
          { title: t('等级/称号', 'Tier'), dataIndex: 'tier', width: 120, render: (x: string) => x ?? '—' },
          {
            title: t('金额', 'Amount'),
            dataIndex: 'amountFen',
            width: 140,
            align: 'right',
            render: (f: number | null) => (f === null || f === undefined ? '—' : formatFen(f)),
          },
          {
            title: t('证书编号', 'Certificate'),
            dataIndex: 'certificateNo',
            width: 150,
            render: (x: string) => x ?? '—',
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 150,
            // 年审 (issue 13): a lapsed certificate shows 已取消资格 with the day it lapsed
            render: (s: string, r: PublicAward) => (
              <Space size={4} wrap>
                <StatusTag status={s} kind="award" />
                {r.lapsedOn ? <span data-testid={`lapsed-on-${r.id}`}>{r.lapsedOn}</span> : null}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}

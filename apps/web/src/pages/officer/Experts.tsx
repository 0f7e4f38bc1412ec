import { Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, type Expert } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, PageTitle, usePaged } from '../../components/common';

export function ExpertsPage() {
  const { t } = useI18n();
  const catalogue = usePrograms();
  const [q, setQ] = useState('');
  const [field, setField] = useState<string | undefined>();
  // GET /api/experts filters by `field` (a program code) only; the name / e-mail search narrows the page shown
  const list = usePaged((page, pageSize) => api.experts({ page, pageSize, field }), [field], 100);
  const needle = q.trim().toLowerCase();
  const shown = needle
    ? list.items.filter((e) => e.name.toLowerCase().includes(needle) || (e.email ?? '').toLowerCase().includes(needle))
    : list.items;
  const fieldLabel = (f: string) => {
    const [p, tr] = f.split('/');
    return tr ? `${catalogue.programName(p)} / ${catalogue.trackName(null, tr)}` : catalogue.programName(p);
  };
  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('评审领域', 'Field')}
              aria-label={t('评审领域', 'Field')}
              value={field}
              onChange={setField}
              options={catalogue.programs.map((p) => ({ value: p.code, label: catalogue.programName(p.code) }))}
            />
            <Input.Search
              allowClear
              placeholder={t('搜索姓名或邮箱', 'Search name or e-mail')}
              aria-label={t('搜索姓名或邮箱', 'Search name or e-mail')}
              onSearch={setQ}
              onChange={(e) => !e.target.value && setQ('')}
              style={{ width: 260 }}
              data-testid="experts-search"
            />
          </Space>
        }
      >
        {t('专家库', 'Expert pool')}
      </PageTitle>
      <ErrorBox error={list.error} />
      <Table<Expert>
        rowKey="id"
        loading={list.loading}
        dataSource={shown}
        pagination={list.pagination}
        data-testid="experts-table"
        columns={[
          { title: t('姓名', 'Name'), dataIndex: 'name', width: 140 },
          { title: t('邮箱', 'E-mail'), dataIndex: 'email', width: 220 },
          {
            title: t('评审领域', 'Fields'),
            dataIndex: 'fields',
            render: (f: string[]) => (f ?? []).map((x) => <Tag key={x}>{fieldLabel(x)}</Tag>),
          },
          {
            title: t('工作单位代码', 'Employer'),
            dataIndex: 'employerCreditCode',
            width: 190,
            render: (x: string) => <code>{x}</code>,
          },
          { title: t('地区', 'Region'), dataIndex: 'regionCode', width: 80 },
          {
            title: t('回避单位', 'Conflicts'),
            dataIndex: 'conflicts',
            width: 90,
            render: (c: unknown[]) => c?.length ?? 0,
          },
          { title: t('当前任务', 'Load'), dataIndex: 'load', width: 90, align: 'right', render: (n: number) => n ?? 0 },
        ]}
      />
    </div>
  );
}

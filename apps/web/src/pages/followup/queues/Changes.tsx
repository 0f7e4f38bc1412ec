import { useState } from 'react';
import { Button, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { agreementsApi, type ChangeQueueItem } from '../../../api/agreements';
import { useI18n } from '../../../i18n';
import { ErrorBox, fmtTime, usePaged } from '../../../components/common';
import { changeKindLabel, changeStatusLabel, changeSummary, useChangeDecision } from '../panels/Changes';

/** 变更申请 (issue 13): change requests of grants, pending first; approve or reject here. */
export function ChangesQueue() {
  const { t } = useI18n();
  const [status, setStatus] = useState<string>('pending');
  const list = usePaged((page, pageSize) => agreementsApi.changeQueue({ page, pageSize, status }), [status]);
  const decision = useChangeDecision(() => void list.reload());
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Select
          value={status}
          onChange={setStatus}
          aria-label={t('状态', 'Status')}
          style={{ width: 160 }}
          data-testid="changes-status"
          options={['pending', 'approved', 'rejected', 'withdrawn'].map((s) => ({
            value: s,
            label: changeStatusLabel(s, t),
          }))}
        />
      </Space>
      <ErrorBox error={list.error} />
      <Table<ChangeQueueItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="changes-queue"
        columns={[
          { title: t('申报编号', 'Number'), dataIndex: 'applicationNumber', width: 150 },
          {
            title: t('项目', 'Work'),
            dataIndex: 'title',
            render: (x: string, c) => <Link to={`/officer/awards/${c.awardId}`}>{x}</Link>,
          },
          { title: t('单位', 'Organization'), dataIndex: 'organizationName' },
          { title: t('类别', 'Kind'), dataIndex: 'kind', width: 140, render: (k: string) => changeKindLabel(k, t) },
          { title: t('变更内容', 'Proposal'), render: (_: unknown, c) => changeSummary(c) },
          { title: t('理由', 'Reason'), dataIndex: 'reason' },
          { title: t('申请时间', 'Requested'), dataIndex: 'requestedAt', width: 150, render: fmtTime },
          {
            title: t('操作', 'Actions'),
            width: 160,
            render: (_: unknown, c) =>
              c.status === 'pending' ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => decision.open(c, true)}
                    data-testid={`queue-approve-${c.id}`}
                  >
                    {t('批准', 'Approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => decision.open(c, false)}
                    data-testid={`queue-reject-${c.id}`}
                  >
                    {t('驳回', 'Reject')}
                  </Button>
                </Space>
              ) : (
                <Tag>{changeStatusLabel(c.status, t)}</Tag>
              ),
          },
        ]}
      />
      {decision.modal}
    </div>
  );
}

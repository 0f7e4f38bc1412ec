import { useState } from 'react';
import { Segmented, Space } from 'antd';
import { changeReportsApi } from '../../../api/changeReports';
import { useI18n } from '../../../i18n';
import { ErrorBox, usePaged } from '../../../components/common';
import { ChangeReportTable } from '../panels/ChangeReports';

type Filter = 'submitted' | 'accepted' | 'returned' | 'all';

/** The officer's queue of 认定 change reports (issue 13): waiting ones first (oldest first), late ones marked. */
export function ChangeReportsQueue() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Filter>('submitted');
  const list = usePaged(
    (page, pageSize) => changeReportsApi.list({ page, pageSize, status: status === 'all' ? undefined : status }),
    [status],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented<Filter>
        value={status}
        onChange={setStatus}
        data-testid="change-reports-filter"
        options={[
          { value: 'submitted', label: t('待审核', 'Waiting') },
          { value: 'accepted', label: t('已确认', 'Accepted') },
          { value: 'returned', label: t('已退回', 'Returned') },
          { value: 'all', label: t('全部', 'All') },
        ]}
      />
      <ErrorBox error={list.error} />
      <ChangeReportTable
        items={list.items}
        loading={list.loading}
        pagination={list.pagination}
        staff
        showOrganization
        onChanged={() => void list.reload()}
      />
    </Space>
  );
}

import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Table } from 'antd';
import { Link } from 'react-router-dom';
import { agreementsApi, type AgreementListItem } from '../../../api/agreements';
import { useI18n } from '../../../i18n';
import { usePrograms } from '../../../programs';
import { ErrorBox, errorText, fmtTime, okProps, usePaged } from '../../../components/common';
import { formatFen } from '../../../money';
import { useAgreementStatusLabel } from '../panels/Agreement';

/** 待会签任务书 (issue 13): the agreements the grantees accepted, countersigned here or on the award's page. */
export function AgreementsQueue() {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const statusLabel = useAgreementStatusLabel();
  const [status, setStatus] = useState<string>('accepted');
  const [busy, setBusy] = useState<string | null>(null);
  const list = usePaged((page, pageSize) => agreementsApi.agreements({ page, pageSize, status }), [status]);
  const countersign = async (a: AgreementListItem) => {
    setBusy(a.awardId);
    try {
      await agreementsApi.countersign(a.awardId);
      message.success(t('已会签', 'Countersigned'));
      await list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Select
          value={status}
          onChange={setStatus}
          aria-label={t('状态', 'Status')}
          style={{ width: 200 }}
          data-testid="agreements-status"
          options={['accepted', 'issued', 'countersigned'].map((s) => ({ value: s, label: statusLabel(s) }))}
        />
      </Space>
      <ErrorBox error={list.error} />
      <Table<AgreementListItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        data-testid="agreements-queue"
        columns={[
          { title: t('申报编号', 'Number'), dataIndex: 'applicationNumber', width: 150 },
          {
            title: t('项目', 'Work'),
            dataIndex: 'title',
            render: (x: string, a) => <Link to={`/officer/awards/${a.awardId}`}>{x}</Link>,
          },
          { title: t('单位', 'Organization'), dataIndex: 'organizationName' },
          {
            title: t('计划', 'Program'),
            dataIndex: 'programCode',
            width: 160,
            render: (p: string) => catalogue.programName(p),
          },
          { title: t('金额', 'Amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: formatFen },
          { title: t('版本', 'Version'), dataIndex: 'version', width: 60 },
          {
            title: t('确认', 'Accepted'),
            dataIndex: 'acceptedAt',
            width: 200,
            render: (x: string | null, a) => (x ? `${a.acceptedByName ?? ''} ${fmtTime(x)}` : '—'),
          },
          {
            title: t('操作', 'Actions'),
            width: 110,
            render: (_: unknown, a) =>
              a.status === 'accepted' ? (
                <Popconfirm
                  title={t('会签该任务书？首期资金随即可拨付。', 'Countersign? The first instalment becomes payable.')}
                  okText={t('会签', 'Countersign')}
                  cancelText={t('取消', 'Cancel')}
                  okButtonProps={okProps(`queue-countersign-confirm-${a.awardId}`)}
                  onConfirm={() => countersign(a)}
                >
                  <Button
                    size="small"
                    type="primary"
                    loading={busy === a.awardId}
                    data-testid={`queue-countersign-${a.awardId}`}
                  >
                    {t('会签', 'Countersign')}
                  </Button>
                </Popconfirm>
              ) : (
                statusLabel(a.status)
              ),
          },
        ]}
      />
    </div>
  );
}

import { App, Button, Card, Space, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { api, itemsOf, type Award, type Instalment } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, errorText, PageTitle, StatusTag, useLoad } from '../../components/common';
import { formatFen } from '../../money';
import { downloadFile } from '../../client';

export function InstalmentsTable({
  items,
  extraColumns = [],
}: {
  items: Instalment[];
  extraColumns?: TableColumnsType<Instalment>;
}) {
  const { t } = useI18n();
  return (
    <Table<Instalment>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid="instalments-table"
      columns={[
        { title: t('期次', 'No.'), dataIndex: 'instalmentNo', width: 70 },
        { title: t('金额', 'Amount'), dataIndex: 'amountFen', width: 140, align: 'right', render: formatFen },
        {
          title: t('应付日期', 'Due on'),
          dataIndex: 'dueOn',
          width: 120,
          render: (d: string) => d ?? t('待里程碑验收', 'after milestone'),
        },
        {
          title: t('状态', 'Status'),
          dataIndex: 'status',
          width: 110,
          render: (s: string) => <StatusTag status={s} kind="instalment" />,
        },
        { title: t('拨付时间', 'Paid at'), dataIndex: 'paidAt', width: 160, render: (d: string) => d ?? '—' },
        { title: t('失败原因', 'Failure'), dataIndex: 'failure', render: (d: string) => d ?? '' },
        ...extraColumns,
      ]}
    />
  );
}

export function MyAwardsPage() {
  const { t, lang } = useI18n();
  const catalogue = usePrograms();
  const { message } = App.useApp();
  const data = useLoad(async () => {
    const [awards, payments] = await Promise.all([
      api.awards({ pageSize: 100 }),
      api.payments({ pageSize: 100 }).catch(() => null),
    ]);
    return { awards: itemsOf(awards), payments: itemsOf(payments) };
  }, []);
  const awards = data.data?.awards ?? [];
  const payments = data.data?.payments ?? [];
  return (
    <div>
      <PageTitle>{t('立项与拨付', 'Awards and payments')}</PageTitle>
      <ErrorBox error={data.error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Table<Award>
          rowKey="id"
          loading={data.loading}
          dataSource={awards}
          data-testid="my-awards-table"
          pagination={false}
          expandable={{
            expandedRowRender: (a) => <InstalmentsTable items={payments.filter((p) => p.awardId === a.id)} />,
            rowExpandable: (a) => payments.some((p) => p.awardId === a.id),
          }}
          columns={[
            { title: t('项目', 'Program'), dataIndex: 'program', render: (p: string) => catalogue.programName(p) },
            { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
            {
              title: t('申报', 'Application'),
              dataIndex: 'applicationId',
              render: (id: string, a) => <Link to={`/applications/${id}`}>{a.title ?? id.slice(0, 8)}</Link>,
            },
            { title: t('等级/称号', 'Tier'), dataIndex: 'tier', render: (x: string) => x ?? '—' },
            {
              title: t('金额', 'Amount'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (f: number | null) =>
                f === null || f === undefined ? t('认定(无资金)', 'certification') : formatFen(f),
            },
            { title: t('证书编号', 'Certificate no.'), dataIndex: 'certificateNo', render: (x: string) => x ?? '—' },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 90,
              render: (s: string) => <StatusTag status={s} kind="award" />,
            },
            {
              title: t('操作', 'Actions'),
              width: 220,
              render: (_: unknown, a) => (
                <Space>
                  <Link to={`/my/awards/${a.id}`} data-testid={`award-followup-${a.id}`}>
                    {t('管理', 'Manage')}
                  </Link>
                  <Button
                    size="small"
                    data-testid={`certificate-${a.id}`}
                    onClick={() =>
                      downloadFile(api.certificatePath(a.id), `certificate-${a.certificateNo ?? a.id}.pdf`).catch((e) =>
                        message.error(errorText(e, lang)),
                      )
                    }
                  >
                    {t('证书', 'Certificate')}
                  </Button>
                  {a.amountFen ? <Link to={`/awards/${a.id}/ledger`}>{t('资金台账', 'Ledger')}</Link> : null}
                  {a.status === 'revoked' ? <Tag color="error">{t('已撤销', 'Revoked')}</Tag> : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

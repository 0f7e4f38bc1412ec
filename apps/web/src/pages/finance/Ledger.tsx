import { Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { api, itemsOf } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBox, fmtTime, PageTitle, useLoad } from '../../components/common';
import { formatFen } from '../../money';
import { InstalmentsTable } from '../applicant/MyAwards';

const ENTRY_KINDS: Record<string, [string, string]> = {
  payment: ['拨付', 'Payment'],
  paid: ['拨付', 'Payment'],
  recovery: ['追回', 'Recovery'],
  recovered: ['追回', 'Recovery'],
  reversal: ['冲正', 'Reversal'],
};

export function LedgerPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const data = useLoad(async () => {
    const ledger = await api.ledger(id);
    const instalments =
      ledger.instalments ??
      itemsOf(await api.payments({ awardId: id, pageSize: 100 }).catch(() => null)).filter((p) => p.awardId === id);
    return { ledger, instalments };
  }, [id]);
  const l = data.data?.ledger;
  return (
    <div>
      <PageTitle>{t('资金台账', 'Ledger')}</PageTitle>
      <ErrorBox error={data.error} />
      {l ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="ledger-summary">
            <Col span={8}>
              <Card size="small">
                <Statistic title={t('已拨付', 'Paid')} value={formatFen(l.paidFen)} />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small">
                <Statistic title={t('已追回', 'Recovered')} value={formatFen(l.recoveredFen)} />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small">
                <Statistic
                  title={t('余额(已拨付 − 已追回)', 'Balance (paid − recovered)')}
                  value={formatFen(l.balanceFen)}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('分期计划', 'Instalments')} style={{ marginBottom: 16 }}>
            <InstalmentsTable items={data.data?.instalments ?? []} />
          </Card>
          <Card size="small" title={t('台账记录', 'Entries')}>
            <Table
              size="small"
              rowKey={(e, i) => e.id ?? String(i)}
              pagination={false}
              dataSource={l.entries}
              data-testid="ledger-entries"
              columns={[
                { title: t('时间', 'Time'), dataIndex: 'at', width: 160, render: fmtTime },
                {
                  title: t('类型', 'Kind'),
                  dataIndex: 'kind',
                  width: 100,
                  render: (k: string) => <Tag>{ENTRY_KINDS[k] ? t(...ENTRY_KINDS[k]) : k}</Tag>,
                },
                { title: t('金额', 'Amount'), dataIndex: 'amountFen', width: 150, align: 'right', render: formatFen },
                {
                  title: t('款项', 'Instalment'),
                  dataIndex: 'instalmentId',
                  width: 120,
                  render: (x: string) => (x ? <code>{x.slice(0, 8)}</code> : '—'),
                },
                { title: t('期次', 'No.'), dataIndex: 'instalmentNo', width: 60, render: (x: number) => x ?? '—' },
                {
                  title: t('状态变化', 'Transition'),
                  width: 170,
                  render: (_: unknown, e) => (e.from || e.to ? `${e.from ?? '—'} → ${e.to ?? '—'}` : ''),
                },
                { title: t('说明', 'Note'), dataIndex: 'note' },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}

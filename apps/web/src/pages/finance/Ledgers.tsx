/*
 * 资金台账: the money by program, call and award with totals (GET /api/ledgers): planned (instalments, cancelled ones
 * left out), paid, recovered, the balance (paid − recovered), recoveries outstanding and what is still to pay. A program
 * row opens its calls, a call row its awards, an award row the award's own ledger (/awards/:id/ledger).
 */
import { Breadcrumb, Card, Col, InputNumber, Row, Select, Space, Statistic, Table } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { adminApi, type LedgerRow } from '../../api/admin';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, PageTitle, useLoad } from '../../components/common';
import { formatFen } from '../../money';
import { CallSelect, useCalls } from '../officer/CallsAdmin';

export function LedgersPage() {
  const { t, pick } = useI18n();
  const catalogue = usePrograms();
  const calls = useCalls();
  const [params, setParams] = useSearchParams();
  const program = params.get('program') ?? undefined;
  const callId = params.get('callId') ?? undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const data = useLoad(() => adminApi.ledgers({ program, callId, year }), [program, callId, year]);
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  const programName = (code: string) => {
    const p = catalogue.programs.find((x) => x.code === code);
    return p ? pick(p.name) : code;
  };
  const callTitle = calls.data?.find((c) => c.id === callId)?.title;
  const s = data.data;
  const rowsBy = s?.rowsBy ?? 'program';
  const money = (x: number) => formatFen(x);
  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('项目', 'Program')}
              aria-label={t('项目', 'Program')}
              value={program}
              onChange={(x) => set({ program: x, callId: undefined })}
              data-testid="ledgers-program"
              options={catalogue.programs.map((p) => ({ value: p.code, label: pick(p.name) }))}
            />
            <CallSelect calls={calls.data ?? []} value={callId} onChange={(x) => set({ callId: x })} />
            <InputNumber
              placeholder={t('年度', 'Year')}
              aria-label={t('年度', 'Year')}
              min={2000}
              max={2100}
              value={year}
              onChange={(x) => set({ year: x ? String(x) : undefined })}
              data-testid="ledgers-year"
            />
          </Space>
        }
      >
        {t('资金台账', 'Ledgers')}
      </PageTitle>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          {
            title: (
              <a onClick={() => set({ program: undefined, callId: undefined })}>{t('全部项目', 'All programs')}</a>
            ),
          },
          ...(program ? [{ title: <a onClick={() => set({ callId: undefined })}>{programName(program)}</a> }] : []),
          ...(callId ? [{ title: callTitle ?? callId.slice(0, 8) }] : []),
        ]}
      />
      <ErrorBox error={data.error} />
      {s ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="ledgers-totals">
          {(
            [
              ['awards', t('立项数', 'Awards'), String(s.totals.awards)],
              ['planned', t('计划拨付', 'Planned'), money(s.totals.plannedFen)],
              ['paid', t('已拨付', 'Paid'), money(s.totals.paidFen)],
              ['recovered', t('已追回', 'Recovered'), money(s.totals.recoveredFen)],
              ['balance', t('净拨付', 'Balance'), money(s.totals.balanceFen)],
              ['outstanding', t('待追回', 'To recover'), money(s.totals.outstandingRecoveryFen)],
              ['unpaid', t('未拨付', 'Still to pay'), money(s.totals.unpaidFen)],
            ] as const
          ).map(([k, title, value]) => (
            <Col key={k} xs={12} md={8} xl={3}>
              <Card size="small">
                <Statistic title={title} value={value} data-testid={`ledgers-total-${k}`} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
      <Table<LedgerRow>
        rowKey="key"
        size="middle"
        loading={data.loading}
        dataSource={s?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="ledgers-table"
        columns={[
          {
            title:
              rowsBy === 'award'
                ? t('立项', 'Award')
                : rowsBy === 'call'
                  ? t('申报批次', 'Call')
                  : t('项目', 'Program'),
            render: (_: unknown, r) =>
              rowsBy === 'award' ? (
                <Link to={`/awards/${r.key}/ledger`} data-testid={`ledgers-row-${r.key}`}>
                  {r.label}
                </Link>
              ) : rowsBy === 'call' ? (
                <a onClick={() => set({ callId: r.key })} data-testid={`ledgers-row-${r.key}`}>
                  {r.year} {r.label}
                </a>
              ) : (
                <a onClick={() => set({ program: r.key })} data-testid={`ledgers-row-${r.key}`}>
                  {programName(r.key)}
                </a>
              ),
          },
          ...(rowsBy === 'award'
            ? [{ title: t('单位', 'Organization'), dataIndex: 'organizationName' as const, ellipsis: true }]
            : [{ title: t('立项数', 'Awards'), dataIndex: 'awards' as const, width: 90 }]),
          { title: t('计划拨付', 'Planned'), dataIndex: 'plannedFen', align: 'right', render: money },
          { title: t('已拨付', 'Paid'), dataIndex: 'paidFen', align: 'right', render: money },
          { title: t('已追回', 'Recovered'), dataIndex: 'recoveredFen', align: 'right', render: money },
          { title: t('净拨付', 'Balance'), dataIndex: 'balanceFen', align: 'right', render: money },
          { title: t('未拨付', 'Still to pay'), dataIndex: 'unpaidFen', align: 'right', render: money },
        ]}
      />
    </div>
  );
}

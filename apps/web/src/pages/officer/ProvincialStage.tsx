import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { api, itemsOf, type ApplicationListItem, type ProvinceCounts } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBox, fmtTime, okProps, PageTitle, StatusTag, useLoad } from '../../components/common';
import { provinceLabel, ProvinceSelect } from '../../provinces';
import { useAuth } from '../../auth';
import { ProvincialRoundCard } from './ProvincialRound';

type Decision = 'pass' | 'return' | 'reject';

/**
 * The provincial stage of a call (issue 12): a provincial officer's queue — the 初审 of each submitted application
 * (pass with an opinion, return for correction, reject), then on a recommendation call the order of recommendation
 * (推荐排序) with a note each and a quota counter, forwarding the chosen ones and leaving out the rest with a reason —
 * and, for everyone, the counts by province (the national officer's view of the provinces: a province's name, or the
 * province filter, narrows the call's applications to it).
 */
export function ProvincialStagePage() {
  const { callId = '' } = useParams();
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  // the officer's own province (null: the national office, which neither checks nor recommends)
  const myProvince = useAuth().me?.agency?.provinceCode ?? null;
  const call = useLoad(() => api.call(callId), [callId]);
  const apps = useLoad(async () => itemsOf(await api.applications({ callId, pageSize: 100 })), [callId]);
  const provinces = useLoad(() => api.callProvinces(callId), [callId]);
  const [checking, setChecking] = useState<{ app: ApplicationListItem; decision: Decision } | null>(null);
  const [opinion, setOpinion] = useState('');
  const [order, setOrder] = useState<string[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [province, setProvince] = useState<string | undefined>();
  const [now] = useState(() => Date.now()); // the server answers 409 after the deadline anyway

  const c = call.data;
  const all = apps.data ?? [];
  const held = all.filter((a) => a.level === 'provincial' && a.status === 'submitted');
  const waiting = all.filter((a) => a.status === 'provincial_passed');
  const forwarded = all.filter((a) => a.status === 'forwarded' || (a.level === 'national' && a.recommendationRank));
  const rows = provinces.data ?? [];
  // a provincial officer: its own province's quota and what it forwarded so far
  const own = myProvince ? (rows.find((r) => r.provinceCode === myProvince) ?? null) : null;
  const quota = own?.quota ?? null;
  const already = own?.forwarded ?? 0;
  const closed = !!c?.provincialClosesAt && now >= new Date(c.provincialClosesAt).getTime();

  const reload = async () => {
    await Promise.all([apps.reload(), provinces.reload()]);
  };
  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      message.success(done);
      await reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string) => setOrder((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  const move = (id: string, by: number) =>
    setOrder((o) => {
      const i = o.indexOf(id);
      const j = i + by;
      if (i < 0 || j < 0 || j >= o.length) return o;
      const next = [...o];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  const overQuota = quota !== null && already + order.length > quota;
  // the provincial round's ranking, best first: those still waiting (this page's list, fresh after a forward), within
  // what the quota still allows; a note naming the round's rank for each unless one was written
  const orderByRanking = (ranked: { applicationId: string; rank: number }[]) => {
    const open = ranked.filter((r) => waiting.some((a) => a.id === r.applicationId));
    const picked = quota === null ? open : open.slice(0, Math.max(0, quota - already));
    setOrder(picked.map((r) => r.applicationId));
    setNotes((n) => {
      const next = { ...n };
      for (const r of picked)
        if (!(next[r.applicationId] ?? '').trim())
          next[r.applicationId] = t(`省级专家评审第 ${r.rank} 名`, `provincial expert round: #${r.rank}`);
      return next;
    });
  };

  return (
    <div>
      <PageTitle extra={<Link to={`/officer/applications?callId=${callId}`}>{t('全部申报', 'All applications')}</Link>}>
        {t('省级审核与推荐', 'Provincial stage')} {c ? `· ${c.year} ${c.title}` : ''}
      </PageTitle>
      <ErrorBox error={call.error ?? apps.error ?? provinces.error ?? error} onClose={() => setError(null)} />
      {c ? (
        <Alert
          style={{ marginBottom: 12 }}
          type={c.provincialStage === 'none' ? 'info' : closed ? 'warning' : 'success'}
          message={
            c.provincialStage === 'none'
              ? t('本批次无省级阶段，申报直接报送国家', 'This call has no provincial stage')
              : [
                  c.provincialStage === 'check'
                    ? t('省级初审', 'Provincial check')
                    : t('省级推荐', 'Provincial recommendation'),
                  `${t('省级截止', 'provincial deadline')} ${fmtTime(c.provincialClosesAt)}`,
                  closed ? t('已截止', 'closed') : '',
                ]
                  .filter(Boolean)
                  .join(' · ')
          }
        />
      ) : null}

      <Card title={t('分省情况', 'By province')} size="small" style={{ marginBottom: 16 }}>
        <Table<ProvinceCounts>
          rowKey="provinceCode"
          size="small"
          pagination={false}
          loading={provinces.loading}
          dataSource={rows}
          data-testid="province-counts"
          columns={[
            {
              title: t('省份', 'Province'),
              dataIndex: 'provinceCode',
              render: (p: string) => (
                <a onClick={() => setProvince(p)} data-testid={`province-row-${p}`}>
                  {provinceLabel(p, lang)}（{p}）
                </a>
              ),
            },
            { title: t('受理', 'Received'), dataIndex: 'received', align: 'right' },
            { title: t('初审通过', 'Passed'), dataIndex: 'passed', align: 'right' },
            { title: t('已报送', 'Forwarded'), dataIndex: 'forwarded', align: 'right' },
            { title: t('未推荐', 'Not recommended'), dataIndex: 'notRecommended', align: 'right' },
            {
              title: t('名额', 'Quota'),
              dataIndex: 'quota',
              align: 'right',
              render: (q: number | null) => (q === null ? '—' : q),
            },
          ]}
        />
      </Card>

      {held.length ? (
        <Card title={t('待初审', 'Waiting for the provincial check')} size="small" style={{ marginBottom: 16 }}>
          <Table<ApplicationListItem>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={held}
            data-testid="provincial-queue"
            columns={[
              { title: t('申报编号', 'Number'), dataIndex: 'number', width: 160 },
              {
                title: t('申报名称', 'Title'),
                dataIndex: 'title',
                render: (x: string, a) => <Link to={`/officer/applications/${a.id}`}>{x}</Link>,
              },
              { title: t('申报单位', 'Organization'), dataIndex: 'organizationName', width: 220 },
              {
                title: t('操作', 'Actions'),
                width: 240,
                render: (_: unknown, a) => (
                  <Space size={4}>
                    {(['pass', 'return', 'reject'] as const).map((d) => (
                      <Button
                        key={d}
                        size="small"
                        type={d === 'pass' ? 'primary' : 'default'}
                        danger={d === 'reject'}
                        disabled={closed}
                        data-testid={`provincial-${d}-${a.id}`}
                        onClick={() => {
                          setOpinion('');
                          setChecking({ app: a, decision: d });
                        }}
                      >
                        {d === 'pass'
                          ? t('初审通过', 'Pass')
                          : d === 'return'
                            ? t('退回补正', 'Return')
                            : t('不予受理', 'Reject')}
                      </Button>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      ) : null}

      {c?.provincialStage === 'recommend' && myProvince ? (
        <ProvincialRoundCard callId={callId} province={myProvince} closed={closed} onUseRanking={orderByRanking} />
      ) : null}

      {myProvince && c?.provincialStage === 'recommend' && (waiting.length || forwarded.length) ? (
        <Card
          title={t('推荐排序', 'Recommendation order')}
          size="small"
          extra={
            quota !== null ? (
              <Tag color={overQuota ? 'error' : 'blue'} data-testid="quota-counter">
                {t(
                  `已报送 ${already} + 本次 ${order.length} / 名额 ${quota}`,
                  `forwarded ${already} + now ${order.length} / quota ${quota}`,
                )}
              </Tag>
            ) : null
          }
        >
          <Typography.Paragraph type="secondary">
            {t(
              '勾选要推荐的申报并排好顺序，逐项填写推荐意见；其余初审通过的申报将以下方理由列为未推荐，并通知申报单位。',
              'Tick the applications to recommend, put them in order and write a note for each; every other passed ' +
                'application ends not recommended with the reason below, mailed to the applicant.',
            )}
          </Typography.Paragraph>
          <Table<ApplicationListItem>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={[...waiting].sort((a, b) => {
              const ia = order.indexOf(a.id);
              const ib = order.indexOf(b.id);
              return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
            })}
            rowSelection={{
              selectedRowKeys: order,
              onSelect: (a) => toggle(a.id),
              hideSelectAll: true,
            }}
            data-testid="recommend-table"
            columns={[
              {
                title: t('排序', 'Order'),
                width: 120,
                render: (_: unknown, a) =>
                  order.includes(a.id) ? (
                    <Space size={2}>
                      <b>{already + order.indexOf(a.id) + 1}</b>
                      <Button size="small" icon={<ArrowUpOutlined />} onClick={() => move(a.id, -1)} />
                      <Button size="small" icon={<ArrowDownOutlined />} onClick={() => move(a.id, 1)} />
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              { title: t('申报编号', 'Number'), dataIndex: 'number', width: 150 },
              { title: t('申报名称', 'Title'), dataIndex: 'title' },
              { title: t('申报单位', 'Organization'), dataIndex: 'organizationName', width: 200 },
              {
                title: t('推荐意见', 'Note'),
                width: 280,
                render: (_: unknown, a) => (
                  <Input
                    size="small"
                    disabled={!order.includes(a.id)}
                    value={notes[a.id] ?? ''}
                    maxLength={2000}
                    data-testid={`recommend-note-${a.id}`}
                    onChange={(e) => setNotes((n) => ({ ...n, [a.id]: e.target.value }))}
                  />
                ),
              },
            ]}
          />
          <Input.TextArea
            style={{ marginTop: 12 }}
            rows={2}
            maxLength={2000}
            placeholder={t('未推荐的理由（将通知申报单位）', 'Why the others are not recommended (mailed)')}
            aria-label={t('未推荐的理由（将通知申报单位）', 'Why the others are not recommended (mailed)')}
            value={reason}
            data-testid="recommend-reason"
            onChange={(e) => setReason(e.target.value)}
          />
          <Space style={{ marginTop: 12 }}>
            <Button
              type="primary"
              loading={busy}
              disabled={closed || overQuota || order.some((id) => !(notes[id] ?? '').trim())}
              data-testid="recommend-submit"
              onClick={() =>
                void run(
                  () =>
                    api.recommend(callId, {
                      items: order.map((applicationId) => ({ applicationId, note: notes[applicationId].trim() })),
                      ...(reason.trim() ? { reason: reason.trim() } : {}),
                    }),
                  t('已报送国家', 'Forwarded'),
                ).then((ok) => {
                  if (ok) setOrder([]);
                })
              }
            >
              {t('按顺序报送', 'Forward in this order')}
            </Button>
          </Space>
          {forwarded.length ? (
            <div style={{ marginTop: 12 }} data-testid="forwarded-list">
              <Typography.Text strong>{t('已报送', 'Forwarded')}：</Typography.Text>
              {[...forwarded]
                .sort((a, b) => (a.recommendationRank ?? 0) - (b.recommendationRank ?? 0))
                .map((a) => (
                  <Tag key={a.id}>
                    {a.recommendationRank ? `${a.recommendationRank}. ` : ''}
                    {a.title}
                  </Tag>
                ))}
            </div>
          ) : null}
        </Card>
      ) : null}

      <Card
        title={t('本批次申报', 'Applications of this call')}
        size="small"
        style={{ marginTop: 16 }}
        extra={<ProvinceSelect value={province} onChange={setProvince} />}
      >
        <Table<ApplicationListItem>
          rowKey="id"
          size="small"
          loading={apps.loading}
          dataSource={all.filter((a) => a.status !== 'draft' && (!province || a.provinceCode === province))}
          data-testid="call-applications"
          columns={[
            { title: t('申报编号', 'Number'), dataIndex: 'number', width: 160 },
            { title: t('申报名称', 'Title'), dataIndex: 'title' },
            { title: t('申报单位', 'Organization'), dataIndex: 'organizationName', width: 220 },
            {
              title: t('省份', 'Province'),
              dataIndex: 'provinceCode',
              width: 90,
              render: (code: string | null, a) => (code ? pick(a.provinceName ?? code) : '—'),
            },
            {
              title: t('所在层级', 'Level'),
              dataIndex: 'level',
              width: 100,
              render: (l: string) => (l === 'provincial' ? t('省级', 'Province') : t('国家', 'National')),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 140,
              render: (s: string) => <StatusTag status={s} />,
            },
          ]}
        />
      </Card>

      <Modal
        open={!!checking}
        title={
          checking?.decision === 'pass'
            ? t('初审通过：初审意见', 'Pass: the 初审 opinion')
            : checking?.decision === 'return'
              ? t('退回补正：需补正的内容', 'Return: what to correct')
              : t('不予受理：理由', 'Reject: the reason')
        }
        okButtonProps={okProps('provincial-check-ok', { disabled: !opinion.trim(), loading: busy })}
        onCancel={() => setChecking(null)}
        onOk={() => {
          const target = checking!;
          void run(
            () => api.provincialCheck(target.app.id, { decision: target.decision, opinion: opinion.trim() }),
            t('已保存', 'Saved'),
          ).then((ok) => {
            if (ok) setChecking(null);
          });
        }}
      >
        <Typography.Paragraph>{checking?.app.title}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={opinion}
          data-testid="provincial-opinion"
          onChange={(e) => setOpinion(e.target.value)}
        />
      </Modal>
    </div>
  );
}

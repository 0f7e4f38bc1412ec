import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { api, itemsOf, type DecisionItem, type FillProposal, type FillTier, type Notice } from '../../api';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import {
  okProps,
  applyServerErrors,
  ErrorBox,
  fmtTime,
  FormModal,
  MoneyInput,
  PageTitle,
  StatusTag,
  useFormSubmit,
  useLoad,
} from '../../components/common';
import { formatFen } from '../../money';
import { inProvince, provinceColumn, ProvinceSelect, useProvinceParam } from '../../provinces';

export function BudgetBar({ budgetFen, committedFen }: { budgetFen: number; committedFen: number }) {
  const { t } = useI18n();
  const pct = budgetFen > 0 ? Math.min(100, Math.floor((committedFen * 100) / budgetFen)) : 0;
  const over = committedFen > budgetFen;
  return (
    <div data-testid="budget-bar">
      <Progress
        percent={pct}
        status={over ? 'exception' : 'normal'}
        showInfo={false}
        size={{ height: 14 }}
        aria-label={t('预算使用', 'Budget used')}
      />
      <Space wrap size="large">
        <span>
          {t('预算', 'Budget')}: <strong data-testid="budget-total">{formatFen(budgetFen)}</strong>
        </span>
        <span>
          {t('已安排', 'Committed')}: <strong data-testid="budget-committed">{formatFen(committedFen)}</strong>
        </span>
        <span style={{ color: over ? '#cf1322' : undefined }}>
          {over ? t('超出', 'Over by') : t('剩余', 'Left')}:{' '}
          <strong data-testid="budget-left">{formatFen(Math.abs(budgetFen - committedFen))}</strong>
        </span>
      </Space>
    </div>
  );
}

interface DecisionValues {
  outcome: Parameters<typeof api.decide>[2]['outcome'];
  note?: string;
  tier?: string;
  amountFen?: number;
}

function DecideModal({
  callId,
  item,
  money,
  onClose,
}: {
  callId: string;
  item: DecisionItem;
  money: boolean;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DecisionValues>();
  const outcome = Form.useWatch('outcome', form);
  const { busy, error, onFinish } = useFormSubmit(form, async (v: DecisionValues) => {
    const body: Parameters<typeof api.decide>[2] = { outcome: v.outcome, note: (v.note ?? '').trim() };
    if (v.outcome === 'award') {
      if (v.tier) body.tier = v.tier.trim();
      if (money && v.amountFen !== undefined) body.amountFen = v.amountFen;
    }
    await api.decide(callId, item.applicationId, body);
    onClose(true);
  });
  return (
    <FormModal
      form={form}
      title={`${t('立项决定', 'Decision')} · ${item.number ?? ''} ${item.title ?? ''}`}
      okTestId="decision-save"
      busy={busy}
      error={error}
      onCancel={() => onClose(false)}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          outcome: item.outcome ?? 'award',
          tier: item.tier ?? '',
          amountFen: item.amountFen ?? undefined,
          note: item.note ?? '',
        }}
      >
        <Form.Item name="outcome" label={t('结论', 'Outcome')}>
          <Radio.Group>
            <Radio.Button value="award" data-testid="decision-award">
              {money ? t('拟立项', 'Award') : t('拟认定', 'Certify')}
            </Radio.Button>
            <Radio.Button value="reject" data-testid="decision-reject">
              {t('不予立项', 'Reject')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {outcome === 'award' ? (
          <>
            <Form.Item name="tier" label={t('等级/称号', 'Tier')} rules={[{ max: 50 }]}>
              <Input maxLength={50} data-testid="decision-tier" />
            </Form.Item>
            {money ? (
              <Form.Item
                name="amountFen"
                label={t('资助金额', 'Amount')}
                rules={[{ required: true, message: t('请输入金额', 'Enter the amount') }]}
              >
                <MoneyInput testId="decision-amount" />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="note" label={t('说明', 'Note')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="decision-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** Under a tier of the fill form: the track it is for (动漫奖's places per category), when it names one. */
function TierTrack({ name, programCode }: { name: number; programCode: string | undefined }) {
  const { t } = useI18n();
  const catalogue = usePrograms();
  const track = Form.useWatch(['tiers', name, 'track']) as string | null | undefined;
  if (!track) return null;
  return (
    <span data-testid={`fill-track-${name}`}>
      {t('仅限', 'only')} {catalogue.trackName(programCode, track)}
    </span>
  );
}

function FillModal({
  callId,
  money,
  programCode,
  programTiers,
  onClose,
}: {
  callId: string;
  money: boolean;
  programCode: string | undefined;
  /** The program's tiers (推优's 3 / 5 / 11, 动漫奖's places per category), where the form starts; [] = two generic ones. */
  programTiers: { name: { zh: string; en: string }; count: number; amountFen: number; track?: string | null }[];
  onClose: (applied: boolean) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [proposal, setProposal] = useState<FillProposal | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState(0);
  const [tiers, setTiers] = useState<FillTier[] | null>(null);

  type TierValues = { tier?: string; amountFen?: number; count?: number; track?: string | null };
  const propose = async (v: { tiers?: (TierValues | undefined)[] }) => {
    setBusy(true);
    setError(null);
    try {
      const tiers: FillTier[] = (v.tiers ?? [])
        .filter((x): x is TierValues & { tier: string } => !!x?.tier)
        .map((x) => ({
          tier: x.tier.trim(),
          ...(money && x.amountFen !== undefined ? { amountFen: x.amountFen } : {}),
          ...(x.count ? { count: x.count } : {}),
          // a program's tier for one track (动漫奖's places per category) keeps its track
          ...(x.track ? { track: x.track } : {}),
        }));
      setProposal(await api.fillByRanking(callId, { tiers }));
      setTiers(tiers);
    } catch (e) {
      applyServerErrors(form, e, lang);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // The same tiers once more with `confirm: true`: the server saves the whole proposal in one transaction.
  const confirm = async () => {
    if (!proposal || !tiers) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.fillByRanking(callId, {
        tiers,
        confirm: true,
        note: t('按排名填充', 'Filled by ranking'),
      });
      setApplied(saved.items.length);
      onClose(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const total = proposal
    ? (proposal.totalFen ?? proposal.items.reduce((s, i) => s + (i.outcome !== 'reject' ? (i.amountFen ?? 0) : 0), 0))
    : 0;
  const awarded = proposal ? proposal.items.filter((i) => i.outcome === 'award').length : 0;

  return (
    <Modal
      open
      width={760}
      title={t('按排名填充', 'Fill by ranking')}
      onCancel={() => onClose(applied > 0)}
      footer={
        <Space>
          <Button onClick={() => onClose(applied > 0)}>{t('取消', 'Cancel')}</Button>
          {proposal ? (
            <Button type="primary" loading={busy} onClick={confirm} data-testid="fill-confirm">
              {t(`确认并保存（${awarded} 项立项）`, `Confirm and save (${awarded} awards)`)}
            </Button>
          ) : (
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="fill-propose">
              {t('生成方案', 'Propose')}
            </Button>
          )}
        </Space>
      }
      destroyOnHidden
    >
      <ErrorBox error={error} />
      {!proposal ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={propose}
          initialValues={{
            tiers: programTiers.length
              ? programTiers.map((x) => ({ tier: x.name.zh, count: x.count, amountFen: x.amountFen, track: x.track }))
              : [
                  { tier: t('一等', 'First'), count: 3 },
                  { tier: t('二等', 'Second'), count: 5 },
                ],
          }}
        >
          <Typography.Paragraph type="secondary">
            {t(
              '按排名从高到低，依次按等级安排，直到预算用完。不会立即保存，确认后才生效。',
              'Going down the ranking, tiers are filled in order until the budget is spent. Nothing is saved until you confirm.',
            )}
          </Typography.Paragraph>
          <Form.List name="tiers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key}>
                    <Col span={8}>
                      <Form.Item
                        name={[f.name, 'tier']}
                        label={f.name === 0 ? t('等级', 'Tier') : undefined}
                        rules={[{ required: true, max: 50 }]}
                        extra={<TierTrack name={f.name} programCode={programCode} />}
                      >
                        <Input data-testid={`fill-tier-${f.name}`} maxLength={50} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'track']} hidden>
                        <Input />
                      </Form.Item>
                    </Col>
                    {money ? (
                      <Col span={8}>
                        <Form.Item
                          name={[f.name, 'amountFen']}
                          label={f.name === 0 ? t('每项金额', 'Amount each') : undefined}
                          rules={[{ required: true, message: t('请输入金额', 'Enter the amount') }]}
                        >
                          <MoneyInput testId={`fill-amount-${f.name}`} />
                        </Form.Item>
                      </Col>
                    ) : null}
                    <Col span={6}>
                      <Form.Item name={[f.name, 'count']} label={f.name === 0 ? t('名额', 'Places') : undefined}>
                        <InputNumber
                          min={1}
                          precision={0}
                          style={{ width: '100%' }}
                          data-testid={`fill-count-${f.name}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={2} style={{ paddingTop: f.name === 0 ? 34 : 6 }}>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('添加等级', 'Add tier')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="fill-total"
            title={
              proposal.remainingFen !== undefined
                ? t(
                    `方案合计 ${formatFen(total)}，预算剩余 ${formatFen(proposal.remainingFen)}`,
                    `Proposal total ${formatFen(total)}, ${formatFen(proposal.remainingFen)} of the budget left`,
                  )
                : t(`方案合计 ${formatFen(total)}`, `Proposal total ${formatFen(total)}`)
            }
          />
          <Table
            size="small"
            rowKey="applicationId"
            pagination={false}
            data-testid="fill-proposal"
            dataSource={proposal.items}
            scroll={{ y: 360 }}
            columns={[
              { title: t('名次', 'Rank'), dataIndex: 'rank', width: 60 },
              { title: t('编号', 'Number'), dataIndex: 'number', width: 140 },
              { title: t('名称', 'Title'), dataIndex: 'title' },
              {
                title: t('结论', 'Outcome'),
                dataIndex: 'outcome',
                width: 90,
                render: (o: string) => (o === 'reject' ? t('不予立项', 'Reject') : t('立项', 'Award')),
              },
              { title: t('等级', 'Tier'), dataIndex: 'tier', width: 90 },
              { title: t('金额', 'Amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: formatFen },
            ]}
          />
        </>
      )}
    </Modal>
  );
}

export function DecisionsPage() {
  const { callId = '' } = useParams();
  const { t, lang } = useI18n();
  const [province, setProvince] = useProvinceParam();
  const { message } = App.useApp();
  const call = useLoad(() => api.call(callId), [callId]);
  const decisions = useLoad(() => api.decisions(callId), [callId]);
  const notices = useLoad(
    async () => itemsOf<Notice>(await api.callNotices(callId).catch(() => [] as Notice[])),
    [callId],
  );
  const [editing, setEditing] = useState<DecisionItem | null>(null);
  const [filling, setFilling] = useState(false);
  const [workingDays, setWorkingDays] = useState<number | null>(null);
  const [published, setPublished] = useState<Notice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState('');
  const catalogue = usePrograms();
  // money (grants: amounts and instalments) or a certificate only, as the program's award shape says; a call of list
  // tracks only (推优's quarterly recommendations) carries none
  const money = catalogue.awardsMoney(call.data?.programCode, call.data?.tracks) ?? true;

  const act = async (name: string, fn: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };

  const d = decisions.data;
  const allNotices = [...(published ? [published] : []), ...(notices.data ?? []).filter((n) => n.id !== published?.id)];

  return (
    <div>
      <PageTitle
        extra={
          <Space>
            <Link to={`/officer/calls/${callId}/review`}>{t('← 评审与排名', '← Review and ranking')}</Link>
            <Link to={`/officer/objections?callId=${callId}`} data-testid="goto-objections">
              {t('异议处理', 'Objections')}
            </Link>
            <Link to={`/officer/awards?callId=${callId}`}>{t('立项名单', 'Awards')}</Link>
          </Space>
        }
      >
        {t('立项决定', 'Decisions')} {call.data ? `· ${call.data.year} ${call.data.title}` : ''}
      </PageTitle>
      <ErrorBox error={error || decisions.error} onClose={() => setError(null)} />
      {d ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <BudgetBar budgetFen={d.budgetFen} committedFen={d.committedFen} />
        </Card>
      ) : null}
      <Card
        size="small"
        title={t('拟立项名单', 'Proposed list')}
        style={{ marginBottom: 16 }}
        extra={
          <Space wrap>
            <ProvinceSelect value={province} onChange={setProvince} />
            <Button onClick={() => setFilling(true)} data-testid="fill-by-ranking">
              {t('按排名填充', 'Fill by ranking')}
            </Button>
          </Space>
        }
      >
        <Table<DecisionItem>
          rowKey="applicationId"
          size="small"
          loading={decisions.loading}
          dataSource={inProvince(d?.items ?? [], province)}
          data-testid="decisions-table"
          pagination={{ pageSize: 50 }}
          columns={[
            { title: t('名次', 'Rank'), dataIndex: 'rank', width: 60, render: (x: number) => x ?? '—' },
            { title: t('编号', 'Number'), dataIndex: 'number', width: 140 },
            {
              title: t('名称', 'Title'),
              dataIndex: 'title',
              render: (x: string, r) => (
                <Link to={`/officer/applications/${r.applicationId}`}>{x ?? r.applicationId.slice(0, 8)}</Link>
              ),
            },
            provinceColumn<DecisionItem>(t, lang),
            {
              title: t('得分', 'Score'),
              dataIndex: 'score',
              width: 80,
              align: 'right',
              render: (x: number) => (x === null || x === undefined ? '—' : x.toFixed(2)),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 110,
              render: (s: string) => (s ? <StatusTag status={s} /> : '—'),
            },
            {
              title: t('结论', 'Outcome'),
              dataIndex: 'outcome',
              width: 100,
              render: (o: string) =>
                o === 'award' ? (
                  <Tag color="green">{t('立项', 'Award')}</Tag>
                ) : o === 'reject' ? (
                  <Tag>{t('不予立项', 'Reject')}</Tag>
                ) : (
                  '—'
                ),
            },
            { title: t('等级', 'Tier'), dataIndex: 'tier', width: 100, render: (x: string) => x ?? '—' },
            ...(money
              ? [
                  {
                    title: t('金额', 'Amount'),
                    dataIndex: 'amountFen',
                    width: 130,
                    align: 'right' as const,
                    render: formatFen,
                  },
                ]
              : []),
            {
              title: t('操作', 'Actions'),
              width: 90,
              render: (_: unknown, r: DecisionItem) => (
                <Button size="small" onClick={() => setEditing(r)} data-testid={`decide-${r.applicationId}`}>
                  {t('决定', 'Decide')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('发布公示', 'Publish the notice')} style={{ marginBottom: 16 }}>
            <Space wrap>
              <span>{t('公示工作日', 'Working days')}</span>
              <InputNumber
                min={1}
                max={30}
                precision={0}
                value={workingDays ?? call.data?.noticeWorkingDays}
                onChange={(x) => setWorkingDays(x as number | null)}
                aria-label={t('公示工作日', 'Working days')}
                data-testid="notice-days"
              />
              <Popconfirm
                title={t('发布拟立项名单公示？', 'Publish the proposed list?')}
                okText={t('发布', 'Publish')}
                cancelText={t('取消', 'Cancel')}
                okButtonProps={okProps('notice-publish-confirm')}
                onConfirm={() =>
                  act('publish', async () => {
                    const n = await api.publishNotice(callId, workingDays ?? undefined);
                    setPublished(n);
                    message.success(t('公示已发布', 'Notice published'));
                    void notices.reload();
                  })
                }
              >
                <Button type="primary" loading={busy === 'publish'} data-testid="notice-publish">
                  {t('发布公示', 'Publish')}
                </Button>
              </Popconfirm>
            </Space>
            {allNotices.map((n) => (
              <Alert
                key={n.id}
                style={{ marginTop: 12 }}
                type="success"
                data-testid="notice-published"
                title={
                  <span>
                    {t('公示期', 'Notice period')}: {fmtTime(n.startsAt)} — {fmtTime(n.endsAt)} ·{' '}
                    {t(`${n.entries?.length ?? 0} 项`, `${n.entries?.length ?? 0} entries`)}
                  </span>
                }
                description={
                  n.provisionalYears?.length ? (
                    <span data-testid="notice-provisional">
                      {t(
                        `${n.provisionalYears.join('、')} 年节假日尚未录入，截止时间暂按周末和固定法定节日计算，录入后自动重算（只会延长）`,
                        `The holidays of ${n.provisionalYears.join(', ')} are not entered: the end is counted provisionally ` +
                          'and counted again (only later) once they are',
                      )}
                    </span>
                  ) : undefined
                }
                action={
                  <Link to={`/public/notices/${n.id}`} target="_blank" data-testid="notice-link">
                    {t('公示页面', 'Public page')}
                  </Link>
                }
              />
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('确定最终名单', 'Finalize')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">
              {t(
                '公示期结束且所有异议均已答复后，方可确定最终名单。确定后生成立项/证书和拨付计划，并通知所有申报单位。',
                'Possible once the notice has ended and every objection is answered. Awards become final, payment plans are made and every applicant is told.',
              )}
            </Typography.Paragraph>
            <Popconfirm
              title={t('确定最终名单？此操作不可撤销。', 'Finalize? This cannot be undone.')}
              okText={t('确定', 'Finalize')}
              cancelText={t('取消', 'Cancel')}
              okButtonProps={okProps('finalize-confirm')}
              onConfirm={() =>
                act('finalize', async () => {
                  await api.finalize(callId);
                  message.success(t('最终名单已确定', 'Finalized'));
                  void decisions.reload();
                })
              }
            >
              <Button type="primary" danger loading={busy === 'finalize'} data-testid="finalize">
                {t('确定最终名单', 'Finalize')}
              </Button>
            </Popconfirm>
          </Card>
        </Col>
      </Row>
      {editing ? (
        <DecideModal
          callId={callId}
          item={editing}
          money={catalogue.awardsMoney(call.data?.programCode, [editing.track]) ?? true}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              message.success(t('已保存', 'Saved'));
              void decisions.reload();
            }
          }}
        />
      ) : null}
      {filling ? (
        <FillModal
          callId={callId}
          money={money}
          programCode={call.data?.programCode}
          programTiers={catalogue.program(call.data?.programCode)?.award.tiers ?? []}
          onClose={(applied) => {
            setFilling(false);
            if (applied) {
              message.success(t('已按方案保存', 'Proposal saved'));
              void decisions.reload();
            }
          }}
        />
      ) : null}
    </div>
  );
}

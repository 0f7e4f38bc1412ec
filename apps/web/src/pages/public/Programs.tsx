import { Card, Col, Descriptions, Empty, List, Row, Spin, Steps, Table, Tag, Typography } from 'antd';
import { provinceLabel } from '../../provinces';
import { Link, useParams } from 'react-router-dom';
import { itemsOf, type Program } from '../../api';
import { publicInfoApi } from '../../api/publicInfo';
import { useI18n } from '../../i18n';
import { usePrograms } from '../../programs';
import { ErrorBox, PageTitle, useLoad } from '../../components/common';
import { CallCards } from '../../components/CallCards';

/** Every program (from GET /api/programs: the program modules themselves), each with a link to its guide. */
export function PublicProgramsPage() {
  const { t, pick } = useI18n();
  const catalogue = usePrograms();
  return (
    <div data-testid="public-programs">
      <PageTitle>{t('项目介绍与申报指南', 'Programs and guides')}</PageTitle>
      {!catalogue.programs.length ? <Spin /> : null}
      <Row gutter={[16, 16]}>
        {catalogue.programs.map((p) => (
          <Col xs={24} md={12} key={p.code}>
            <Card
              size="small"
              title={<Link to={`/public/programs/${p.code}`}>{pick(p.name)}</Link>}
              extra={<Tag color={p.award.money ? 'red' : 'blue'}>{awardKind(p, t)}</Tag>}
              data-testid={`program-card-${p.code}`}
            >
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('主管部门', 'Agency')}: {pick(p.agency)}
              </Typography.Paragraph>
              {p.tracks.length ? (
                <div>
                  {t('申报类别', 'Tracks')}:{' '}
                  {p.tracks.map((tr) => (
                    <Tag key={tr.code}>{pick(tr.name)}</Tag>
                  ))}
                </div>
              ) : null}
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}

/** What the program gives: money, a place on a published list (入选名单, issue 15), or a certification. */
function awardKind(p: Program, t: (zh: string, en: string) => string): string {
  if (p.award.money)
    return p.award.listTracks.length ? t('资金扶持与推荐名单', 'Grant and a list') : t('资金扶持', 'Grant');
  return p.award.document === 'notice' ? t('入选名单', 'A published list') : t('资格认定', 'Certification');
}

function dueText(due: { monthsAfterAward: number | null; atPlanEnd: boolean }, t: (zh: string, en: string) => string) {
  if (due.atPlanEnd) return t('项目计划期末', 'at the end of the plan');
  if (due.monthsAfterAward !== null)
    return t(`立项后 ${due.monthsAfterAward} 个月`, `${due.monthsAfterAward} months after the award`);
  return '';
}

/**
 * The steps a program's application goes through, read from the program module (GET /api/programs): the provincial
 * stage, the formal check, the review, the 公示, the award, the agreement, the instalments, the reports, the
 * evaluation and the annual review — so the guide never disagrees with the engine.
 */
export function programTimeline(p: Program, t: (zh: string, en: string) => string, pick: (x: unknown) => string) {
  const steps: { title: string; description?: string }[] = [
    {
      title: t('网上申报', 'Apply online'),
      description: t('在申报期内填写并提交', 'Fill in and submit within the window'),
    },
  ];
  if (p.callDefaults.provincialStage === 'check')
    steps.push({
      title: t('省级初审', 'Provincial check'),
      description: t('所在省主管部门初审', 'The province checks first'),
    });
  if (p.callDefaults.provincialStage === 'recommend')
    steps.push({
      title: t('省级推荐', 'Provincial recommendation'),
      description: t('所在省初审并排序推荐', 'The province checks and recommends in order'),
    });
  steps.push({ title: t('形式审查', 'Formal check'), description: t('材料齐全、符合条件', 'Complete and eligible') });
  steps.push({
    title: t('专家评审', 'Expert review'),
    description: t(`按 ${p.rubric.length} 项评分标准打分`, `Scored on ${p.rubric.length} criteria`),
  });
  // issue 15: a leading group's vote after the review (动漫奖)
  if (p.callDefaults.deliberation)
    steps.push({
      title: t('领导小组表决', 'Deliberation vote'),
      description: t('出席成员过半数赞成方可入选', 'A majority of the members present elects'),
    });
  steps.push({
    title: t('立项决定与公示', 'Decision and 公示'),
    description: t('公示期内可提出异议', 'Objections during the notice'),
  });
  steps.push({
    title: p.award.money ? t('立项', 'Award') : t('认定', 'Certification'),
    description:
      p.award.document === 'certificate' ? t('颁发证书', 'Certificate issued') : t('立项通知', 'Notice of award'),
  });
  if (p.callDefaults.agreementRequired) steps.push({ title: t('签订任务书', 'Task agreement') });
  for (const i of p.award.instalments)
    steps.push({ title: `${pick(i.name)}`, description: t(`拨付 ${i.percent}%`, `${i.percent}% paid`) });
  for (const r of p.reports) steps.push({ title: pick(r.name), description: dueText(r.due, t) });
  if (p.evaluation) steps.push({ title: t('绩效评价', 'Evaluation') });
  if (p.callDefaults.annualReview) steps.push({ title: t('年度审核', 'Annual review') });
  return steps;
}

/** One program's guide: rules, tracks, materials, scoring, timeline and its open calls. */
export function PublicProgramPage() {
  const { code = '' } = useParams();
  const { t, pick } = useI18n();
  const catalogue = usePrograms();
  const calls = useLoad(
    async () => itemsOf(await publicInfoApi.openCalls()).filter((c) => c.programCode === code),
    [code],
  );
  const p = catalogue.program(code);
  if (!catalogue.programs.length) return <Spin />;
  if (!p) return <Empty description={t('没有这个项目', 'No such program')} />;
  const trackName = (c: string) => catalogue.trackName(p.code, c);
  return (
    <div data-testid={`public-program-${p.code}`}>
      <PageTitle>{pick(p.name)}</PageTitle>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('主管部门', 'Agency')}>{pick(p.agency)}</Descriptions.Item>
        <Descriptions.Item label={t('扶持方式', 'Support')}>{awardKind(p, t)}</Descriptions.Item>
        <Descriptions.Item label={t('编号前缀', 'Number prefix')}>{p.prefix}</Descriptions.Item>
        {p.officeProvince ? (
          <Descriptions.Item label={t('项目级别', 'Level')}>
            <span data-testid="program-office">
              {t(
                `省级项目：${provinceLabel(p.officeProvince, 'zh')}，仅受理在该省登记注册的单位`,
                `Provincial: ${provinceLabel(p.officeProvince, 'en')}; organizations registered there only`,
              )}
            </span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      <Typography.Title level={4}>{t('开放申报', 'Open calls')}</Typography.Title>
      <ErrorBox error={calls.error} />
      {calls.loading && !calls.data ? <Spin /> : <CallCards calls={calls.data ?? []} />}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('申报流程', 'Timeline')} data-testid="program-timeline">
            <Steps
              orientation="vertical"
              size="small"
              current={-1}
              items={programTimeline(p, t, (x) => pick(x as never))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('申报条件', 'Eligibility rules')} data-testid="program-rules">
            <List
              size="small"
              dataSource={p.rules}
              renderItem={(r) => (
                <List.Item key={r.key}>
                  {pick(r.name)}
                  {r.tracks ? (
                    <span style={{ marginLeft: 8 }}>
                      {r.tracks.map((tr) => (
                        <Tag key={tr}>{trackName(tr)}</Tag>
                      ))}
                    </span>
                  ) : null}
                </List.Item>
              )}
            />
          </Card>
          {p.tracks.length ? (
            <Card size="small" title={t('申报类别', 'Tracks')} style={{ marginTop: 16 }} data-testid="program-tracks">
              {p.tracks.map((tr) => (
                <Tag key={tr.code}>{pick(tr.name)}</Tag>
              ))}
            </Card>
          ) : null}
        </Col>
      </Row>

      <Card size="small" title={t('申报材料', 'Materials')} style={{ marginTop: 16 }} data-testid="program-materials">
        <Table
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={p.attachmentKinds}
          columns={[
            { title: t('材料', 'Material'), dataIndex: 'name', render: (n) => pick(n) },
            {
              title: t('必交', 'Required'),
              dataIndex: 'required',
              render: (req: string[]) =>
                !req.length
                  ? t('选交', 'Optional')
                  : p.tracks.length && req.length < p.tracks.length
                    ? req.map((x) => <Tag key={x}>{trackName(x)}</Tag>)
                    : t('必交', 'Required'),
            },
            {
              title: t('格式', 'Formats'),
              dataIndex: 'mimeTypes',
              render: (m: string[]) => m.map((x) => x.split('/')[1]?.toUpperCase() ?? x).join(', '),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('评分标准', 'Scoring')} style={{ marginTop: 16 }} data-testid="program-rubric">
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={p.rubric}
          columns={[
            { title: t('评分项', 'Criterion'), dataIndex: 'name', render: (n) => pick(n) },
            { title: t('权重', 'Weight'), dataIndex: 'weight', width: 100 },
            { title: t('满分', 'Max'), dataIndex: 'max', width: 100 },
          ]}
        />
      </Card>
    </div>
  );
}

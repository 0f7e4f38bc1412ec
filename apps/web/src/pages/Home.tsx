/*
 * The home page as a work list (issue 14, item 6): per role of the signed-in user, what waits for them — counts and
 * the first few items with links to the pages that do the work (GET /api/me/worklist). Admins (no work lists) get
 * their pages' shortcuts as before.
 */
import { Badge, Card, Col, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { useAuth } from '../auth';
import { APPLICATION_STATUS, ROLE_NAMES, useI18n } from '../i18n';
import { NAV } from '../components/AppLayout';
import { ErrorBox, fmtTime, StatusTag, useLoad } from '../components/common';
import { formatFen } from '../money';
import { worklistApi, type RoleWork, type WorkItem, type WorkList } from '../api/worklist';
import type { Role } from '../api';

const ROLE_INTRO: Record<Role, [string, string]> = {
  applicant: [
    '查看开放的申报批次，填写并提交申报，跟踪审查、立项和拨付进度。',
    'Find open calls, fill in and submit applications, follow the check, the award and the payments.',
  ],
  expert: [
    '查看评审邀请，声明回避，对照评分标准打分并提交评审意见。',
    'See your invitations, declare conflicts, score against the rubric and submit your opinion.',
  ],
  officer: [
    '管理申报批次，进行形式审查，抽取专家，决定立项，发布公示并处理异议。',
    'Manage calls, run the formal check, draw experts, decide, publish notices and answer objections.',
  ],
  finance: [
    '编制和审批拨付批次，处理失败的拨付，查看每个项目的资金台账。',
    'Prepare and approve payment batches, handle failures, read each award’s ledger.',
  ],
  admin: [
    '创建专家、管理员和财务账号，查看系统发出的邮件。',
    'Create expert, officer and finance accounts and read the mail the portal sends.',
  ],
};

/** Each list's title, and what its date means. */
const LISTS: Record<string, { title: [string, string]; at?: [string, string]; empty: [string, string] }> = {
  returned: {
    title: ['退回补正', 'Returned for correction'],
    at: ['退回于', 'Returned'],
    empty: ['没有被退回的申报', 'Nothing returned'],
  },
  drafts: {
    title: ['未提交的草稿', 'Drafts not yet submitted'],
    at: ['截止', 'Closes'],
    empty: ['没有未提交的草稿', 'No open drafts'],
  },
  openCalls: {
    title: ['开放中的申报批次', 'Open calls'],
    at: ['截止', 'Closes'],
    empty: ['目前没有开放的申报批次', 'No call is open'],
  },
  reportsDue: {
    title: ['待提交的报告', 'Reports due'],
    at: ['截止', 'Due'],
    empty: ['没有待提交的报告', 'No report due'],
  },
  agreementsToAccept: {
    title: ['待确认的任务书', 'Task agreements to accept'],
    at: ['下达于', 'Issued'],
    empty: ['没有待确认的任务书', 'No agreement waiting'],
  },
  pendingReviews: {
    title: ['待完成的评审', 'Pending reviews'],
    at: ['截止', 'Due'],
    empty: ['没有待完成的评审', 'No pending review'],
  },
  formalChecks: {
    title: ['待形式审查', 'Formal checks waiting'],
    at: ['提交于', 'Submitted'],
    empty: ['没有待审查的申报', 'Nothing to check'],
  },
  objections: {
    title: ['待答复的异议', 'Objections to answer'],
    at: ['收到', 'Received'],
    empty: ['没有待答复的异议', 'No open objection'],
  },
  roundsToClose: {
    title: ['进行中的专家评审', 'Review rounds to close'],
    at: ['最近截止', 'Next due'],
    empty: ['没有进行中的评审轮次', 'No open round'],
  },
  decisions: {
    title: ['待作出立项决定', 'Decisions to make'],
    empty: ['没有待决定的批次', 'No decision waiting'],
  },
  instalmentsDue: {
    title: ['到期待拨付', 'Instalments due'],
    at: ['到期', 'Due'],
    empty: ['没有到期的拨付', 'Nothing due'],
  },
  batchesAwaitingApproval: {
    title: ['待复核的拨付批次', 'Batches awaiting a second approval'],
    at: ['编制于', 'Prepared'],
    empty: ['没有待复核的批次', 'No batch waiting'],
  },
  failedPayments: {
    title: ['拨付失败', 'Failed payments'],
    empty: ['没有失败的拨付', 'No failure'],
  },
};

/** Secondary text dark enough for WCAG AA contrast on white (7:1). */
const MUTED = '#595959';

const REPORT_KINDS: Record<string, [string, string]> = {
  midterm: ['中期检查报告', 'Mid-term report'],
  final: ['结项报告', 'Final report'],
  closing: ['结项报告', 'Closing report'],
  annual: ['年度报告', 'Annual report'],
};

function when(at: string | null | undefined): string {
  if (!at) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : fmtTime(at);
}

function ItemLine({ list, item }: { list: WorkList; item: WorkItem }) {
  const { t, v } = useI18n();
  const meta = LISTS[list.key];
  const soon =
    item.at && ['drafts', 'openCalls', 'pendingReviews', 'reportsDue'].includes(list.key)
      ? dayjs(item.at).diff(dayjs(), 'hour') < 72
      : false;
  let label = item.label;
  if (list.key === 'reportsDue') label = v(REPORT_KINDS, item.label);
  const flags: Record<string, [string, string, string]> = {
    applied: ['已申报', 'Applied', 'green'],
    ready: ['可结束评审', 'Ready to close', 'green'],
    preparedByMe: ['本人编制，需他人复核', 'Prepared by you: another user approves', 'orange'],
    retryProposed: ['重试待复核', 'Retry awaiting approval', 'orange'],
    draft: ['未提交', 'Not submitted', 'default'],
    returned: ['被退回', 'Returned', 'red'],
  };
  const flag = item.flag ? flags[item.flag] : undefined;
  let amount: string | null = null;
  if (item.amount != null) {
    if (['instalmentsDue', 'batchesAwaitingApproval', 'failedPayments'].includes(list.key))
      amount = formatFen(item.amount);
    else if (list.key === 'roundsToClose') amount = t(`${item.amount} 份未完成`, `${item.amount} pending`);
    else if (list.key === 'decisions') amount = t(`${item.amount} 项待决定`, `${item.amount} undecided`);
  }
  return (
    <List.Item data-testid={`work-item-${list.key}-${item.id}`}>
      <Space orientation="vertical" size={0} style={{ width: '100%' }}>
        <Space wrap size={6}>
          <Link to={item.link}>{label}</Link>
          {flag && <Tag color={flag[2]}>{t(flag[0], flag[1])}</Tag>}
          {amount && <Typography.Text strong>{amount}</Typography.Text>}
        </Space>
        <Typography.Text style={{ fontSize: 12, color: MUTED }}>
          {[
            item.detail,
            item.at && meta?.at ? (
              <span key="at" style={soon ? { color: '#a8071a' } : undefined}>
                {t(meta.at[0], meta.at[1])} {when(item.at)}
              </span>
            ) : null,
          ]
            .filter(Boolean)
            .map((x, i) => (
              <span key={i}>
                {i > 0 ? ' · ' : ''}
                {x}
              </span>
            ))}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

function WorkListBlock({ list }: { list: WorkList }) {
  const { t } = useI18n();
  const meta = LISTS[list.key] ?? { title: [list.key, list.key], empty: ['—', '—'] };
  return (
    <section data-testid={`work-${list.key}`} aria-labelledby={`work-${list.key}-title`} style={{ marginBottom: 12 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <h3 id={`work-${list.key}-title`} style={{ fontSize: 14, margin: '8px 0 4px' }}>
          {t(...meta.title)}{' '}
          <Badge
            count={list.count}
            showZero
            color={list.count ? '#b0261b' : '#595959'}
            data-testid={`work-count-${list.key}`}
            aria-label={t(`${list.count} 项`, `${list.count} items`)}
          />
        </h3>
        <Link to={list.link} data-testid={`work-all-${list.key}`}>
          {t('查看全部', 'See all')}
        </Link>
      </Space>
      {list.items.length ? (
        <List size="small" dataSource={list.items} renderItem={(item) => <ItemLine list={list} item={item} />} />
      ) : (
        <Typography.Text style={{ fontSize: 13, color: MUTED }}>{t(...meta.empty)}</Typography.Text>
      )}
      {list.count > list.items.length && (
        <Typography.Text style={{ fontSize: 12, display: 'block', color: MUTED }}>
          {t(`还有 ${list.count - list.items.length} 项`, `${list.count - list.items.length} more`)}
        </Typography.Text>
      )}
    </section>
  );
}

function StatusCounts({ byStatus }: { byStatus: Record<string, number> }) {
  const { t } = useI18n();
  const entries = Object.entries(byStatus).filter(([s]) => s in APPLICATION_STATUS);
  return (
    <div data-testid="work-by-status" style={{ marginBottom: 8 }}>
      <h3 style={{ fontSize: 14, margin: '0 0 6px' }}>{t('我的申报', 'My applications')}</h3>
      {entries.length ? (
        <Space wrap>
          {entries.map(([s, n]) => (
            <Link key={s} to="/applications" data-testid={`work-status-${s}`}>
              <StatusTag status={s} /> <span>{n}</span>
            </Link>
          ))}
        </Space>
      ) : (
        <Typography.Text style={{ fontSize: 13, color: MUTED }}>
          {t('还没有申报', 'No application yet')}
        </Typography.Text>
      )}
    </div>
  );
}

function Shortcuts({ role }: { role: Role }) {
  const { t } = useI18n();
  return (
    <Space wrap>
      {NAV.filter((n) => n.key !== '/' && n.roles !== 'public' && n.roles.includes(role)).map((n) => (
        <Link key={n.key} to={n.key} data-testid={`home-link-${n.testId.replace(/^menu-/, '')}`}>
          <Tag icon={n.icon} style={{ padding: '4px 10px', fontSize: 14, cursor: 'pointer' }}>
            {t(n.zh, n.en)}
          </Tag>
        </Link>
      ))}
    </Space>
  );
}

export function HomePage() {
  const { me } = useAuth();
  const { t, v } = useI18n();
  const work = useLoad(() => worklistApi.get(), [me?.id]);
  if (!me) return null;
  const byRole = new Map<string, RoleWork>((work.data?.roles ?? []).map((r) => [r.role, r]));
  return (
    <div data-testid="home">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t(`欢迎，${me.name}`, `Welcome, ${me.name}`)}
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        {me.roles.map((r) => (
          <Tag color="red" key={r} data-testid={`home-role-${r}`}>
            {v(ROLE_NAMES, r)}
          </Tag>
        ))}
      </Space>
      <ErrorBox error={work.error} />
      <Row gutter={[16, 16]}>
        {me.roles.map((role) => {
          const w = byRole.get(role);
          return (
            <Col xs={24} lg={me.roles.length > 1 ? 12 : 24} key={role}>
              <Card
                title={
                  <h2 style={{ fontSize: 16, margin: 0 }}>
                    {t(`${v(ROLE_NAMES, role)}待办`, `${v(ROLE_NAMES, role)}: to do`)}
                  </h2>
                }
                size="small"
                data-testid={`home-card-${role}`}
              >
                {w ? (
                  <>
                    {w.byStatus && <StatusCounts byStatus={w.byStatus} />}
                    <Row gutter={[16, 0]}>
                      {w.lists.map((l) => (
                        <Col xs={24} md={w.lists.length > 1 ? 12 : 24} key={l.key}>
                          <WorkListBlock list={l} />
                        </Col>
                      ))}
                    </Row>
                  </>
                ) : work.loading ? (
                  <Spin />
                ) : role === 'admin' ? (
                  <Typography.Paragraph type="secondary">{t(...ROLE_INTRO[role])}</Typography.Paragraph>
                ) : (
                  <Empty description={t(...ROLE_INTRO[role])} image={Empty.PRESENTED_IMAGE_SIMPLE} />
                )}
                <div style={{ marginTop: 8 }}>
                  <Shortcuts role={role} />
                </div>
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}

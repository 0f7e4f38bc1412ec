import { Client } from 'pg';
import { JINGPIN_PROGRAM, RENDING_PROGRAM, TUIGUANG_PROGRAM, YUANDONGLI_PROGRAM } from '@portal/programs';

/**
 * The programs' own provincial stage (callDefaults), as the officer's call form preselects it. Issue 15's schemes
 * (推优, the 一带一路 list) have none of these steps: NO_STEPS.
 */
interface Steps {
  stage: string;
  quota: unknown;
  agreement: boolean;
  reports: boolean;
  annualReview: boolean;
}
const NO_STEPS: Steps = { stage: 'none', quota: null, agreement: false, reports: false, annualReview: false };
const STAGE_OF: Record<string, Steps> = Object.fromEntries(
  [JINGPIN_PROGRAM, YUANDONGLI_PROGRAM, TUIGUANG_PROGRAM, RENDING_PROGRAM].map((d) => [
    d.code,
    {
      stage: d.callDefaults?.provincialStage ?? 'none',
      quota: d.callDefaults?.provincialQuota ?? null,
      agreement: d.callDefaults?.agreementRequired ?? false,
      reports: d.callDefaults?.reportsRequired ?? false,
      annualReview: d.callDefaults?.annualReview ?? false,
    },
  ]),
);

const DAY = 86_400_000;
const DEMO_MARK = '（演示）';

/**
 * One open 2026 call per program, with the program's usual settings; every demo call puts its payments under dual
 * control (`payment_dual_control`: a retry and a bank return's failed lines need a second finance user). 推优 has two:
 * the year's selection with tiers of money (track `yearly`) and this quarter's recommendations without money (track
 * `quarterly`, a list); a recurring series opens the next quarters' (seedDemoCalls).
 */
const CALLS: {
  program: string;
  title: string;
  budgetFen: number;
  blind: boolean;
  recusal: boolean;
  aggregation: string;
  share: number | null;
  tracks?: string[];
  deliberation?: boolean;
}[] = [
  {
    program: 'jingpin',
    title: '2026 年度国家动漫精品工程',
    budgetFen: 3_000_000_000,
    blind: true,
    recusal: true,
    aggregation: 'trimmed',
    share: null,
  },
  {
    program: 'yuandongli',
    title: '2026 年度“原动力”中国原创动漫出版扶持计划',
    budgetFen: 2_000_000_000,
    blind: true,
    recusal: false,
    aggregation: 'trimmed',
    share: null,
  },
  {
    program: 'tuiguang',
    title: '2026 年度原创动漫推广计划',
    budgetFen: 1_000_000_000,
    blind: false,
    recusal: false,
    aggregation: 'mean',
    share: 50,
  },
  {
    program: 'rending',
    title: '2026 年度动漫企业认定',
    budgetFen: 0,
    blind: false,
    recusal: false,
    aggregation: 'mean',
    share: null,
  },
  {
    program: 'tuiyou',
    title: '2026 年度优秀国产动画片推优',
    budgetFen: 300_000_000,
    blind: false,
    recusal: false,
    aggregation: 'trimmed',
    share: null,
    tracks: ['yearly'],
  },
  {
    program: 'dongmanjiang',
    title: '第十九届中国文化艺术政府奖动漫奖',
    budgetFen: 2_000_000_000,
    blind: false,
    recusal: true,
    aggregation: 'trimmed',
    share: null,
    deliberation: true,
  },
  {
    program: 'ydyl',
    title: '2026 年度动漫游戏产业“一带一路”国际合作重点企业和重点项目',
    budgetFen: 0,
    blind: false,
    recusal: false,
    aggregation: 'mean',
    share: null,
  },
];

const QUARTERS = ['一', '二', '三', '四'];

/** The settings of 推优's quarterly recommendations (a list without money), as its recurring series keeps them. */
const QUARTERLY_SETTINGS = {
  budgetFen: 0,
  reviewersPerApplication: 3,
  blindReview: false,
  regionRecusal: false,
  noticeWorkingDays: 5,
  aggregation: 'mean',
  paymentDualControl: true,
  agreementRequired: false,
  reportsRequired: false,
  annualReview: false,
  provincialStage: 'none',
  tracks: ['quarterly'],
};

/** 星火动画's draft for 动漫企业认定 (enterprise track): filled in, not yet signed, no attachments yet. */
const XINGHUO_DRAFT = {
  fiscalYear: 2025,
  businessTypes: ['animation', 'online', 'derivative-design'],
  income: {
    totalFen: 86_000_000_00,
    animationMainFen: 61_000_000_00,
    selfDevelopedFen: 42_000_000_00,
    operatingFen: 86_000_000_00,
  },
  rdSpendingFen: 9_500_000_00,
  staff: { total: 120, qualified: 58, rd: 35 },
  ipRights: [{ kind: 'copyright', number: '国作登字-2025-F-00012345', grantedOn: '2025-06-18' }],
  products: [{ name: '山海小英雄', category: 'animation', selfDeveloped: true }],
};

/**
 * Demo calls (opened 7 days before the seeding, closing 30 days after) and one draft of 星火动画, once: skipped when a
 * demo call exists already. Needs the demo accounts (officer, 星火动画).
 */
export async function seedDemoCalls(databaseUrl: string, now = new Date()): Promise<boolean> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const present = await c.query(`SELECT 1 FROM call WHERE title LIKE '%' || $1 LIMIT 1`, [DEMO_MARK]);
    if (present.rowCount) return false;
    const officer = await c.query(`SELECT id FROM app_user WHERE email = 'officer@demo.portal'`);
    const xinghuo = await c.query(`SELECT id, organization_id FROM app_user WHERE email = 'xinghuo@demo.portal'`);
    if (!officer.rowCount || !xinghuo.rowCount) return false;
    const opensAt = new Date(now.getTime() - 7 * DAY);
    const closesAt = new Date(now.getTime() + 30 * DAY);
    const provincialClosesAt = new Date(now.getTime() + 45 * DAY); // the provinces' fortnight
    await c.query('BEGIN');
    const callIds: Record<string, string> = {};
    // this quarter's 推优 recommendations, and the series that opens the next quarters' (the worker's call-series job)
    const year = now.getUTCFullYear();
    const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
    const series = await c.query(
      `INSERT INTO call_series (program_code, title_template, recurrence, first_year, first_quarter, opens_offset_days,
                                window_days, lead_days, settings, created_by)
       VALUES ('tuiyou', '{year}年第{quarter}季度优秀国产动画片推荐' || $1, 'quarterly', $2, $3, 0, 30, 7, $4, $5) RETURNING id`,
      [
        DEMO_MARK,
        quarter === 4 ? year + 1 : year,
        quarter === 4 ? 1 : quarter + 1,
        JSON.stringify(QUARTERLY_SETTINGS),
        officer.rows[0].id,
      ],
    );
    const calls = [
      ...CALLS,
      {
        program: 'tuiyou',
        title: `${year}年第${QUARTERS[quarter - 1]}季度优秀国产动画片推荐`,
        budgetFen: 0,
        blind: false,
        recusal: false,
        aggregation: 'mean',
        share: null,
        tracks: ['quarterly'],
        seriesId: series.rows[0].id as string,
        seriesPeriod: `${year}-Q${quarter}`,
      },
    ];
    for (const k of calls as ((typeof CALLS)[number] & { seriesId?: string; seriesPeriod?: string })[]) {
      const steps = STAGE_OF[k.program] ?? NO_STEPS;
      const r = await c.query(
        `INSERT INTO call (program_code, year, title, opens_at, closes_at, budget_fen, reviewers_per_application, blind_review, region_recusal,
                           notice_working_days, aggregation, request_share_percent, created_by,
                           provincial_stage, provincial_quota, provincial_closes_at, payment_dual_control,
                           agreement_required, reports_required, annual_review, tracks, series_id, series_period,
                           deliberation)
         VALUES ($1, 2026, $2, $3, $4, $5, 3, $6, $7, 5, $8, $9, $10, $11, $12, $13, true, $14, $15, $16, $17, $18, $19,
                 $20)
         RETURNING id`,
        [
          k.program,
          k.title + DEMO_MARK,
          opensAt,
          closesAt,
          k.budgetFen,
          k.blind,
          k.recusal,
          k.aggregation,
          k.share,
          officer.rows[0].id,
          steps.stage,
          steps.quota === null ? null : JSON.stringify(steps.quota),
          steps.stage === 'none' ? null : provincialClosesAt,
          steps.agreement,
          steps.reports,
          steps.annualReview,
          k.tracks ?? null,
          k.seriesId ?? null,
          k.seriesPeriod ?? null,
          k.deliberation ?? false,
        ],
      );
      callIds[k.program] ??= r.rows[0].id;
    }
    const app = await c.query(
      `INSERT INTO application (call_id, organization_id, program_code, track, title, payload, status, created_by, level)
       VALUES ($1, $2, 'rending', 'enterprise', '星火动画有限公司 2026 年度动漫企业认定申请', $3, 'draft', $4, $5) RETURNING id`,
      [
        callIds.rending,
        xinghuo.rows[0].organization_id,
        JSON.stringify(XINGHUO_DRAFT),
        xinghuo.rows[0].id,
        STAGE_OF.rending.stage === 'none' ? 'national' : 'provincial',
      ],
    );
    await c.query(
      `INSERT INTO application_history (application_id, at, actor_id, from_status, to_status) VALUES ($1, now(), $2, NULL, 'draft')`,
      [app.rows[0].id, xinghuo.rows[0].id],
    );
    await c.query('COMMIT');
    return true;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await c.end();
  }
}

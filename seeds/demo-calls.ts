import { Client } from 'pg';
import { JINGPIN_PROGRAM, RENDING_PROGRAM, TUIGUANG_PROGRAM, YUANDONGLI_PROGRAM } from '@portal/programs';

/** The programs' own provincial stage (callDefaults), as the officer's call form preselects it. */
const STAGE_OF = Object.fromEntries(
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
 * control (`payment_dual_control`: a retry and a bank return's failed lines need a second finance user).
 */
const CALLS = [
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
];

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
    for (const k of CALLS) {
      const r = await c.query(
        `INSERT INTO call (program_code, year, title, opens_at, closes_at, budget_fen, reviewers_per_application, blind_review, region_recusal,
                           notice_working_days, aggregation, request_share_percent, created_by,
                           provincial_stage, provincial_quota, provincial_closes_at, payment_dual_control,
                           agreement_required, reports_required, annual_review)
         VALUES ($1, 2026, $2, $3, $4, $5, 3, $6, $7, 5, $8, $9, $10, $11, $12, $13, true, $14, $15, $16) RETURNING id`,
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
          STAGE_OF[k.program].stage,
          STAGE_OF[k.program].quota === null ? null : JSON.stringify(STAGE_OF[k.program].quota),
          STAGE_OF[k.program].stage === 'none' ? null : provincialClosesAt,
          STAGE_OF[k.program].agreement,
          STAGE_OF[k.program].reports,
          STAGE_OF[k.program].annualReview,
        ],
      );
      callIds[k.program] = r.rows[0].id;
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

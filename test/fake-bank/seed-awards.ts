/*
 * Awards with a due first instalment, written straight into the database: the starting point of payment fault tests
 * and benchmarks, which are about moving money, not about how the awards came to be (the four program e2e specs take
 * awards the whole way through the API). Set-based SQL, so 10,000 awards take a moment.
 */

export interface SeededAwards {
  callId: string;
  awardIds: string[];
  instalmentIds: string[];
  organizationIds: string[];
}

export interface SeedOptions {
  count: number;
  amountFen?: number;
  /** instalment 1 due on this date (YYYY-MM-DD); default: today in Shanghai by the database clock */
  dueOn?: string;
  /** a member with an e-mail per organization (mail goes to it); default true */
  members?: boolean;
  /** distinguishes several seeded sets in one database */
  tag?: string;
  /** the call's paymentDualControl (retries and a return's failed lines need a second finance user); default false */
  dualControl?: boolean;
}

/** Anything that runs SQL and gives back rows: a TypeORM DataSource, or a pg client wrapped with `rowsOf`. */
export interface Db {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** A pg Client or Pool as a Db (its `query` gives `{ rows }`). */
export function rowsOf(pg: { query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> }): Db {
  return { query: async (sql, params) => (await pg.query(sql, params)).rows };
}

export async function seedAwards(db: Db, o: SeedOptions): Promise<SeededAwards> {
  const tag = o.tag ?? Math.random().toString(36).slice(2, 8);
  const amount = o.amountFen ?? 1_000_000;
  {
    const m = db;
    const [creator] = await m.query(`SELECT id FROM app_user ORDER BY created_at LIMIT 1`);
    if (!creator) throw new Error('seedAwards needs at least one user (the admin) to own the call');
    const [call] = await m.query(
      `INSERT INTO call (program_code, year, title, opens_at, closes_at, budget_fen, reviewers_per_application, blind_review, region_recusal,
                         notice_working_days, aggregation, created_by, finalized_at, review_closed_at, payment_dual_control)
       VALUES ('jingpin', 2026, $1, now() - interval '90 days', now() - interval '60 days', $2, 2, false, false, 5, 'mean', $3, now(), now(), $4)
       RETURNING id`,
      [`付款测试批次 ${tag}`, amount * o.count, creator.id, o.dualControl ?? false],
    );
    const orgs: { id: string }[] = await m.query(
      `INSERT INTO organization (name, credit_code, address, legal_representative, business_types, region_code, province_code)
       SELECT '付款测试公司' || $1 || '-' || g, 'PT' || $1 || lpad(g::text, 8, '0'), '测试地址', '法人', '{animation}', '110105', '11'
         FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [tag, o.count],
    );
    const orgIds = orgs.map((r) => r.id);
    if (o.members ?? true) {
      await m.query(
        `INSERT INTO app_user (email, name, password_hash, roles, organization_id)
         SELECT 'pay-' || $1 || '-' || n || '@seed.test', '联系人', 'x', '{applicant}', org FROM unnest($2::uuid[]) WITH ORDINALITY AS t(org, n)`,
        [tag, orgIds],
      );
    }
    const apps: { id: string; organization_id: string }[] = await m.query(
      `INSERT INTO application (call_id, organization_id, program_code, track, title, payload, status, number, first_submitted_at, submitted_at, created_by)
       SELECT $1, org, 'jingpin', 'product', '付款测试项目' || n, '{}'::jsonb, 'awarded', 'JP-T' || $2 || '-' || lpad(n::text, 6, '0'), now(), now(), $3
         FROM unnest($4::uuid[]) WITH ORDINALITY AS t(org, n) RETURNING id, organization_id`,
      [call.id, tag, creator.id, orgIds],
    );
    const awards: { id: string; application_id: string; organization_id: string }[] = await m.query(
      `INSERT INTO award (application_id, call_id, organization_id, program_code, track, year, tier, amount_fen, created_at)
       SELECT a.id, $1, a.organization_id, 'jingpin', 'product', 2026, '测试', $2, now() FROM unnest($3::uuid[]) AS x(id) JOIN application a ON a.id = x.id
       RETURNING id, application_id, organization_id`,
      [call.id, amount, apps.map((a) => a.id)],
    );
    await m.query(
      `UPDATE application a SET award_id = aw.id FROM award aw WHERE aw.application_id = a.id AND aw.call_id = $1`,
      [call.id],
    );
    const due =
      o.dueOn ?? (await m.query(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d`))[0].d;
    const inst: { id: string }[] = await m.query(
      `INSERT INTO instalment (award_id, application_id, organization_id, call_id, instalment_no, percent, milestone, amount_fen, due_on)
       SELECT aw.id, aw.application_id, aw.organization_id, $1, 1, 100, 'finalize', $2, $3::date FROM award aw WHERE aw.call_id = $1
       ORDER BY aw.id RETURNING id`,
      [call.id, amount, due],
    );
    return {
      callId: call.id,
      awardIds: awards.map((a) => a.id),
      instalmentIds: inst.map((i) => i.id),
      organizationIds: orgIds,
    };
  }
}

/**
 * P7 — statistics at scale (issue 14): 1,000,000 applications (100,000 of them awarded, a few revoked) of 3,100
 * organizations in 31 provinces, 40 calls (4 programs × 10 years), 200,000 instalments (about half paid), written
 * straight into a fresh migrated database. The summary (`stats_cell`) is recomputed by the statistics lib's one writer
 * (StatisticsRefresher), then every dashboard query the API serves — the public's (no filter; by program, province,
 * year; all three), a provincial officer's scope, the CSV of every cell — is run through StatisticsService itself on
 * the same connection: the first (cold) call and a warm median of 5. The baseline, measured in the same run, is a bare
 * `SELECT program_code, status, count(*) FROM application GROUP BY 1, 2` over the same million rows (warm median of 5).
 * Goal: every dashboard query ≤ 300 ms and ≥ 0.5 of the bare GROUP BY → ratio = baseline / slowest dashboard query
 * (any run, cold included), goal ≥ 0.5; a query over 300 ms (or a summary that disagrees with the tables) fails the
 * run (exit status 1) whatever the ratio.
 */
import { Client } from 'pg';
import { PROVINCES } from '../../libs/platform/src';
import { StatisticsRefresher, StatisticsService } from '../../libs/statistics/src';
import { startBenchServices } from './apps-bench-env';
import { fmt, timeMs, verdict } from './bench-util';

const PROGRAMS = ['jingpin', 'yuandongli', 'tuiguang', 'rending'];
const YEARS = 10;
const FIRST_YEAR = 2017;
const ORGS_PER_PROVINCE = 100;
/** P7_APPLICATIONS: a smaller set while working on the benchmark (the recorded runs use the default). */
const APPLICATIONS = Number(process.env.P7_APPLICATIONS ?? 1_000_000);

/** The TypeORM DataSource surface the statistics classes use, over one pg connection. */
interface BenchDataSource {
  query(sql: string, params?: unknown[]): Promise<any[]>;
  transaction<T>(work: (m: BenchDataSource) => Promise<T>): Promise<T>;
}

function dataSourceOn(c: Client): BenchDataSource {
  const ds: BenchDataSource = {
    query: async (sql: string, params?: unknown[]) => (await c.query(sql, params)).rows,
    transaction: async <T>(work: (m: BenchDataSource) => Promise<T>): Promise<T> => {
      await c.query('BEGIN');
      try {
        const out = await work(ds);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      }
    },
  };
  return ds;
}

async function seed(c: Client): Promise<void> {
  const provinces = Object.keys(PROVINCES);
  const [user] = (
    await c.query(
      `INSERT INTO app_user (email, name, password_hash, roles) VALUES ('bench@p7.test', 'P7', 'x', '{admin}') RETURNING id`,
    )
  ).rows;
  await c.query(
    `INSERT INTO organization (name, credit_code, address, legal_representative, business_types, region_code, province_code)
     SELECT 'P7 公司 ' || g, 'P7' || lpad(g::text, 16, '0'), '地址', '法人', '{animation}', p || '0101', p
       FROM generate_series(0, $2::int - 1) g, LATERAL (SELECT ($1::text[])[1 + g % 31] AS p) x`,
    [provinces, provinces.length * ORGS_PER_PROVINCE],
  );
  await c.query(
    `INSERT INTO call (program_code, year, title, opens_at, closes_at, budget_fen, reviewers_per_application, blind_review,
                       region_recusal, notice_working_days, aggregation, created_by)
     SELECT p, y, p || ' ' || y, make_timestamptz(y, 3, 1, 0, 0, 0), make_timestamptz(y, 3, 31, 0, 0, 0), 0, 2, false, false,
            5, 'mean', $2
       FROM unnest($1::text[]) p, generate_series($3::int, $3::int + $4::int - 1) y`,
    [PROGRAMS, user.id, FIRST_YEAR, YEARS],
  );
  // status by g mod 20: a tenth awarded (g ≡ 9 mod 10: exactly 100,000), the rest spread over the other outcomes
  await c.query(
    `WITH calls AS (SELECT array_agg(id ORDER BY program_code, year) AS ids, array_agg(program_code ORDER BY program_code, year) AS progs FROM call),
          orgs AS (SELECT array_agg(id ORDER BY credit_code) AS ids FROM organization)
     INSERT INTO application (call_id, organization_id, program_code, title, status, first_submitted_at, submitted_at, created_by)
     SELECT calls.ids[k], orgs.ids[1 + abs(hashtext('o' || g)) % 3100], calls.progs[k], 'P7 作品',
            s, CASE WHEN s = 'draft' THEN NULL ELSE now() END, CASE WHEN s = 'draft' THEN NULL ELSE now() END, $2
       FROM calls, orgs, generate_series(1, $1::int) g, LATERAL (SELECT 1 + abs(hashtext('c' || g)) % 40 AS k) ck,
            LATERAL (SELECT (ARRAY['draft','submitted','returned','not_awarded','not_awarded','not_awarded','reviewed',
                                   'withdrawn','under_review','awarded','rejected','submitted','returned','not_awarded',
                                   'not_awarded','not_awarded','reviewed','withdrawn','under_review','awarded'])[1 + g % 20] AS s) st`,
    [APPLICATIONS, user.id],
  );
  await c.query(
    `INSERT INTO award (application_id, call_id, organization_id, program_code, year, amount_fen, status, revoked_reason,
                        revoked_at, created_at)
     SELECT a.id, a.call_id, a.organization_id, a.program_code, c.year, 100000 * (1 + (abs(hashtext(a.id::text)) % 20)),
            CASE WHEN r THEN 'revoked' ELSE 'active' END, CASE WHEN r THEN '撤销' END, CASE WHEN r THEN now() END, now()
       FROM application a JOIN call c ON c.id = a.call_id, LATERAL (SELECT abs(hashtext(a.id::text)) % 50 = 0 AS r) x
      WHERE a.status = 'awarded'`,
  );
  await c.query(
    `INSERT INTO instalment (award_id, application_id, organization_id, call_id, instalment_no, percent, milestone, amount_fen, status, paid_at)
     SELECT w.id, w.application_id, w.organization_id, w.call_id, n, 50, CASE n WHEN 1 THEN 'finalize' ELSE 'closing' END,
            w.amount_fen / 2, st, CASE WHEN st = 'paid' THEN now() END
       FROM award w, generate_series(1, 2) n,
            LATERAL (SELECT CASE WHEN (n = 1 AND w.year < 2026) OR (n = 2 AND w.year < 2023) THEN 'paid' ELSE 'planned' END AS st) x`,
  );
  await c.query(`VACUUM ANALYZE`);
}

async function median5(fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push((await timeMs(fn)).ms);
  runs.sort((a, b) => a - b);
  return runs[2];
}

export async function run(): Promise<void> {
  const services = await startBenchServices('P7');
  const c = new Client({ connectionString: services.databaseUrl });
  await c.connect();
  try {
    const seeded = await timeMs(() => seed(c));
    const counts = (
      await c.query(
        `SELECT (SELECT count(*) FROM application)::int AS apps, (SELECT count(*) FROM award)::int AS awards,
                (SELECT count(*) FROM instalment)::int AS inst,
                (SELECT count(*) FROM instalment WHERE status = 'paid')::int AS paid,
                (SELECT count(DISTINCT province_code) FROM organization)::int AS provinces,
                (SELECT count(*) FROM call)::int AS calls`,
      )
    ).rows[0];
    console.log(
      `P7: ${counts.apps} applications, ${counts.awards} awards, ${counts.inst} instalments (${counts.paid} paid), ${counts.provinces} provinces, ` +
        `${counts.calls} calls (4 programs × ${YEARS} years); seeded in ${fmt(seeded.ms)}`,
    );
    const ds = dataSourceOn(c);
    const refresher = new StatisticsRefresher(ds as never, { now: () => new Date() } as never);
    const stats = new StatisticsService(ds as never, { get: () => undefined } as never);

    const baselineSql = `SELECT program_code, status, count(*) FROM application GROUP BY program_code, status`;
    await c.query(baselineSql); // warm the table into the buffer cache
    const baseline = await median5(() => c.query(baselineSql));
    console.log(`baseline (bare GROUP BY over ${counts.apps} applications): ${fmt(baseline)} (warm median of 5)`);

    const refreshRuns: number[] = [];
    let cells = 0;
    for (let i = 0; i < 3; i++) {
      const r = await timeMs(() => refresher.refresh());
      refreshRuns.push(r.ms);
      cells = r.value.cells;
    }
    console.log(
      `refresh (the one writer, recomputes every cell): ${refreshRuns.map(fmt).join(', ')}; ${cells} cells ` +
        `(every ${fmt(5 * 60 * 1000)} in the worker)`,
    );

    // the summary agrees with the rows it summarises
    const truth = (
      await c.query(
        `SELECT (SELECT count(*) FROM application WHERE first_submitted_at IS NOT NULL)::int AS apps,
                (SELECT count(*) FROM award WHERE status = 'active')::int AS awards,
                (SELECT coalesce(sum(amount_fen), 0)::bigint FROM instalment WHERE status = 'paid') AS paid`,
      )
    ).rows[0];
    const all = await stats.dashboard({}, null);
    const agrees =
      all.totals.applications === truth.apps &&
      all.totals.awards === truth.awards &&
      all.totals.paidFen === Number(truth.paid);
    console.log(
      `summary agrees with the tables: ${agrees} (applications ${all.totals.applications}, awards ${all.totals.awards}, ` +
        `paid ${all.totals.paidFen} fen; ${all.byProvince.length} provinces, ${all.byYear.length} years, ${all.byProgram.length} programs)`,
    );

    const queries: [string, () => Promise<unknown>][] = [
      ['public, no filter', () => stats.dashboard({}, null)],
      ['public, program', () => stats.dashboard({ program: 'jingpin' }, null)],
      ['public, province', () => stats.dashboard({ province: '32' }, null)],
      ['public, year', () => stats.dashboard({ year: 2025 }, null)],
      [
        'public, program+province+year',
        () => stats.dashboard({ program: 'rending', province: '44', year: 2024 }, null),
      ],
      [
        'provincial officer (32, 2 programs)',
        () => stats.dashboard({}, { agencyId: null, provinceCode: '32', programs: ['rending', 'tuiguang'] }),
      ],
      ['CSV, every cell', () => stats.csv({}, null)],
    ];
    let slowest = 0;
    for (const [name, q] of queries) {
      const cold = (await timeMs(q)).ms;
      const warm = await median5(q);
      slowest = Math.max(slowest, cold, warm);
      console.log(`${name}: ${fmt(cold)} (first), ${fmt(warm)} (warm median of 5)`);
    }
    console.log(`slowest dashboard query: ${fmt(slowest)} (goal ≤ 300 ms: ${slowest <= 300 ? 'met' : 'NOT met'})`);
    const ratio = baseline / slowest;
    if (slowest > 300 || !agrees) {
      console.log('P7 fails its absolute goal (a query over 300 ms, or a summary that disagrees with the tables)');
      process.exitCode = 1;
    }
    verdict('P7', ratio, 0.5);
  } finally {
    await c.end();
    await services.stop();
  }
}

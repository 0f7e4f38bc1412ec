/**
 * P4 — aggregation at scale: 50,000 submitted reviews (10,000 applications × 5 reviews, 2,000 experts with
 * 25 reviews each, a 5-criterion rubric, experts with personal severity so that zscore matters) turned into
 * a ranking with each method (mean, trimmed, zscore), each timed from the raw per-criterion scores.
 * ratio = 1 s / the slowest method's time (first, cold call of each), goal ≥ 1.
 */
import {
  AggregationMethod,
  RankingApplication,
  RankingRow,
  RubricCriterion,
  SubmittedReview,
  aggregateRanking,
} from '../../libs/review/src/aggregation/aggregation';
import { createRng } from '../../libs/review/src/draw/draw';
import { fmt, timeMs, verdict } from './bench-util';

const RUBRIC: RubricCriterion[] = [
  { key: 'theme', weight: 25, max: 25 },
  { key: 'art', weight: 25, max: 25 },
  { key: 'story', weight: 20, max: 20 },
  { key: 'market', weight: 15, max: 15 },
  { key: 'team', weight: 15, max: 15 },
];

function dataset(nApps: number, perApp: number, nExperts: number) {
  const rng = createRng(4);
  const u = (): number => rng() / 4294967296;
  const applications: RankingApplication[] = [];
  const quality: number[] = [];
  const t0 = Date.parse('2026-03-01T00:00:00+08:00');
  for (let i = 0; i < nApps; i++) {
    applications.push({
      applicationId: `app-${String(i).padStart(5, '0')}`,
      number: `JP-2026-${String(i + 1).padStart(6, '0')}`,
      title: `作品 ${i}`,
      firstSubmittedAt: new Date(t0 + Math.floor(u() * 30 * 86400000)),
    });
    quality.push(0.3 + 0.55 * u());
  }
  const severity = Array.from({ length: nExperts }, () => -0.1 + 0.2 * u());
  // each expert reviews exactly nApps × perApp / nExperts applications: expert k of app i = (i × perApp + k) mod nExperts
  const reviews: SubmittedReview[] = [];
  for (let i = 0; i < nApps; i++) {
    for (let k = 0; k < perApp; k++) {
      const e = (i * perApp + k) % nExperts;
      const scores: Record<string, number> = {};
      for (const c of RUBRIC) {
        const v = Math.round(c.max * Math.min(1, Math.max(0, quality[i] - severity[e] + 0.1 * (u() - 0.5))));
        scores[c.key] = v;
      }
      reviews.push({ applicationId: applications[i].applicationId, expertId: `exp-${e}`, scores });
    }
  }
  return { applications, reviews };
}

export async function run(): Promise<void> {
  const N_APPS = 10_000;
  const PER_APP = 5;
  const N_EXPERTS = 2_000;
  const { applications, reviews } = dataset(N_APPS, PER_APP, N_EXPERTS);
  console.log(
    `P4: rank ${applications.length} applications from ${reviews.length} submitted reviews (${N_EXPERTS} experts, ${RUBRIC.length} criteria)`,
  );
  const methods: AggregationMethod[] = ['mean', 'trimmed', 'zscore'];
  const cold: Record<string, number> = {};
  const out: Record<string, RankingRow[]> = {};
  for (const method of methods) {
    const r = await timeMs(() => aggregateRanking({ applications, reviews, rubric: RUBRIC, method }));
    cold[method] = r.ms;
    out[method] = r.value;
  }
  for (const method of methods) {
    const warm: number[] = [];
    for (let k = 0; k < 3; k++)
      warm.push((await timeMs(() => aggregateRanking({ applications, reviews, rubric: RUBRIC, method }))).ms);
    warm.sort((a, b) => a - b);
    const rows = out[method];
    const ranksOk = rows.every((r, i) => r.rank === i + 1);
    console.log(
      `${method}: ${fmt(cold[method])} (cold), ${fmt(warm[1])} (warm median of 3); rows ${rows.length}, ` +
        `ranks 1..n ${ranksOk}, flagged ${rows.filter((r) => r.flagged).length}, top score ${rows[0].score}`,
    );
  }
  const top = (m: string): Set<string> => new Set(out[m].slice(0, 500).map((r) => r.applicationId));
  const meanTop = top('mean');
  console.log(
    `top-500 overlap with mean: trimmed ${[...top('trimmed')].filter((x) => meanTop.has(x)).length}, ` +
      `zscore ${[...top('zscore')].filter((x) => meanTop.has(x)).length}`,
  );
  const slowest = Math.max(...Object.values(cold));
  console.log(`slowest method: ${fmt(slowest)}`);
  verdict('P4', 1000 / slowest, 1);
}

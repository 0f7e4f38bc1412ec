/**
 * Aggregation of submitted expert reviews into a call's ranking (API.md, "Review"). Pure, no database.
 *
 * - A review's score: Σ weight × score / max over the rubric's criteria. Weights are meant to sum to 100; if
 *   they do not, they are scaled to 100 (score × 100 / Σ weight), so a review score is always on 0–100.
 *   Review scores are kept unrounded for every computation; only the reported figures are rounded.
 * - rawMean: the plain mean of an application's review scores.
 * - score, by the call's method:
 *     mean     the plain mean;
 *     trimmed  with ≥ 5 reviews, drop one highest and one lowest, then the mean; with fewer, the mean;
 *     zscore   every review score of an expert with ≥ 2 reviews in the call is standardised with that expert's
 *              mean and population deviation over the call, z = (x − mean_e) / sd_e, and mapped back as
 *              overallMean + z × overallSd, where overallMean / overallSd (population) are taken over every
 *              submitted review of the call (every review passed in, including reviews of applications not
 *              listed). An expert whose deviation is 0 (≤ 1e-9, to absorb float noise) contributes overallMean
 *              for each of their reviews. Experts with fewer than 2 reviews count raw. The application's score
 *              is the mean of its (mapped or raw) review scores. Mapped values are not clipped to 0–100.
 * - reviews: the number of submitted reviews; spread: max − min of the raw review scores;
 *   flagged: spread (rounded) > spreadThreshold (default 20) — exactly at the threshold is not flagged.
 * - Rounding: 2 decimals, half away from zero, decimal-safe (the value is first read as its 15-significant-digit
 *   decimal, so 80.005 → 80.01 and 85.3 − 65.3 → 20.00).
 * - Order: rounded score descending; ties by the higher rounded minimum review score, then the earlier
 *   firstSubmittedAt, then applicationId ascending (a final stable key, so no two rows are ever equal);
 *   rank = 1..n.
 * - Applications with no submitted review are NOT ranked: they are listed after every ranked row, with
 *   score, rawMean and spread null, reviews 0, flagged false and rank null (ordered by firstSubmittedAt, then id).
 */

export type AggregationMethod = 'mean' | 'trimmed' | 'zscore';

export interface RubricCriterion {
  key: string;
  weight: number;
  max: number;
  name?: unknown;
}

export interface RankingApplication {
  applicationId: string;
  number: string;
  title: string;
  /** Instant of the application's first submission (Date or ISO string); null sorts last. */
  firstSubmittedAt: Date | string | null;
}

export interface SubmittedReview {
  applicationId: string;
  expertId: string;
  scores: Record<string, number>;
}

export interface AggregationInput {
  applications: RankingApplication[];
  reviews: SubmittedReview[];
  rubric: RubricCriterion[];
  method: AggregationMethod;
  spreadThreshold?: number | null;
}

export interface RankingRow {
  applicationId: string;
  number: string;
  title: string;
  score: number | null;
  rawMean: number | null;
  reviews: number;
  spread: number | null;
  flagged: boolean;
  rank: number | null;
}

export const DEFAULT_SPREAD_THRESHOLD = 20;

export class AggregationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AggregationInputError';
  }
}

/** Round to 2 decimals, half away from zero, on the value's 15-significant-digit decimal form. */
export function round2(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round ${x}`);
  const ax = Math.abs(x);
  if (ax < 0.001) return 0;
  if (ax >= 1e15) return x;
  const s = ax.toPrecision(15); // fixed notation for 0.001 ≤ ax < 1e15
  const dot = s.indexOf('.');
  const intPart = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  let cents = Number(intPart) * 100 + Number((frac + '00').slice(0, 2));
  if (frac.length > 2 && frac.charCodeAt(2) >= 53 /* '5' */) cents += 1;
  const r = cents / 100;
  return x < 0 ? -r : r;
}

function rubricWeight(rubric: RubricCriterion[]): number {
  let weights = 0;
  for (const c of rubric) {
    if (!(c.weight >= 0) || !(c.max > 0))
      throw new AggregationInputError(`criterion ${c.key}: weight must be ≥ 0 and max > 0`);
    weights += c.weight;
  }
  if (!(weights > 0)) throw new AggregationInputError('the rubric has no weight');
  return weights;
}

function scoreWith(scores: Record<string, number>, rubric: RubricCriterion[], weights: number): number {
  let sum = 0;
  for (const c of rubric) {
    const v = scores[c.key];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new AggregationInputError(`criterion ${c.key} has no score`);
    if (v < 0 || v > c.max) throw new AggregationInputError(`criterion ${c.key}: ${v} is outside 0…${c.max}`);
    sum += (c.weight * v) / c.max;
  }
  return weights === 100 ? sum : (sum * 100) / weights;
}

/** A review's score on 0–100: Σ weight × score / max, weights scaled to sum to 100. Unrounded. */
export function reviewScore(scores: Record<string, number>, rubric: RubricCriterion[]): number {
  return scoreWith(scores, rubric, rubricWeight(rubric));
}

function mean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function populationSd(xs: number[], m: number): number {
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}

function instant(v: Date | string | null): number {
  if (v == null) return Number.POSITIVE_INFINITY;
  const t = v instanceof Date ? v.getTime() : Date.parse(v);
  if (Number.isNaN(t)) throw new AggregationInputError(`invalid firstSubmittedAt ${String(v)}`);
  return t;
}

const ZERO_SD = 1e-9;

/** The ranking of a call (API.md: GET /api/calls/:callId/ranking), see the file header for every rule. */
export function aggregateRanking(input: AggregationInput): RankingRow[] {
  const { applications, reviews, rubric, method } = input;
  if (method !== 'mean' && method !== 'trimmed' && method !== 'zscore')
    throw new AggregationInputError(`unknown aggregation ${String(method)}`);
  const threshold = input.spreadThreshold ?? DEFAULT_SPREAD_THRESHOLD;

  const n = reviews.length;
  const raw = new Float64Array(n);
  const weights = rubricWeight(rubric);
  for (let i = 0; i < n; i++) raw[i] = scoreWith(reviews[i].scores, rubric, weights);

  // per-review value used for `score`
  let adjusted: Float64Array = raw;
  if (method === 'zscore' && n > 0) {
    let total = 0;
    for (let i = 0; i < n; i++) total += raw[i];
    const overallMean = total / n;
    let dev = 0;
    for (let i = 0; i < n; i++) dev += (raw[i] - overallMean) * (raw[i] - overallMean);
    const overallSd = Math.sqrt(dev / n);
    const byExpert = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      let l = byExpert.get(reviews[i].expertId);
      if (!l) byExpert.set(reviews[i].expertId, (l = []));
      l.push(i);
    }
    adjusted = new Float64Array(raw);
    for (const idx of byExpert.values()) {
      if (idx.length < 2) continue; // counted raw
      const xs = idx.map((i) => raw[i]);
      const m = mean(xs);
      const sd = populationSd(xs, m);
      for (const i of idx) adjusted[i] = sd <= ZERO_SD ? overallMean : overallMean + ((raw[i] - m) / sd) * overallSd;
    }
  }

  const byApp = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    let l = byApp.get(reviews[i].applicationId);
    if (!l) byApp.set(reviews[i].applicationId, (l = []));
    l.push(i);
  }

  interface Work {
    row: RankingRow;
    min: number;
    at: number;
  }
  const ranked: Work[] = [];
  const unranked: Work[] = [];
  const seen = new Set<string>();
  for (const app of applications) {
    if (seen.has(app.applicationId)) throw new AggregationInputError(`duplicate application ${app.applicationId}`);
    seen.add(app.applicationId);
    const at = instant(app.firstSubmittedAt);
    const idx = byApp.get(app.applicationId) ?? [];
    const base = { applicationId: app.applicationId, number: app.number, title: app.title };
    if (idx.length === 0) {
      unranked.push({
        row: { ...base, score: null, rawMean: null, reviews: 0, spread: null, flagged: false, rank: null },
        min: 0,
        at,
      });
      continue;
    }
    const xs = idx.map((i) => raw[i]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of xs) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const rawMean = mean(xs);
    let score: number;
    if (method === 'mean') score = rawMean;
    else if (method === 'trimmed') {
      if (xs.length >= 5) {
        const sorted = [...xs].sort((p, q) => p - q);
        score = mean(sorted.slice(1, -1));
      } else score = rawMean;
    } else score = mean(idx.map((i) => adjusted[i]));
    const spread = round2(hi - lo);
    ranked.push({
      row: {
        ...base,
        score: round2(score),
        rawMean: round2(rawMean),
        reviews: xs.length,
        spread,
        flagged: spread > threshold,
        rank: null,
      },
      min: round2(lo),
      at,
    });
  }

  const byId = (p: Work, q: Work): number =>
    p.row.applicationId < q.row.applicationId ? -1 : p.row.applicationId > q.row.applicationId ? 1 : 0;
  const byTime = (p: Work, q: Work): number => (p.at === q.at ? 0 : p.at < q.at ? -1 : 1);
  ranked.sort((p, q) => q.row.score! - p.row.score! || q.min - p.min || byTime(p, q) || byId(p, q));
  unranked.sort((p, q) => byTime(p, q) || byId(p, q));
  ranked.forEach((w, i) => (w.row.rank = i + 1));
  return [...ranked, ...unranked].map((w) => w.row);
}

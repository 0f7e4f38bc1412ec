import {
  AggregationInputError,
  AggregationMethod,
  RankingApplication,
  RubricCriterion,
  SubmittedReview,
  aggregateRanking,
  reviewScore,
  round2,
} from './aggregation';

// Rubric of two criteria: a (weight 60, max 10) and b (weight 40, max 20) → review score = 6a + 2b.
const RUBRIC: RubricCriterion[] = [
  { key: 'a', weight: 60, max: 10 },
  { key: 'b', weight: 40, max: 20 },
];
// One criterion on 0–100: the review score is the number itself.
const PLAIN: RubricCriterion[] = [{ key: 'q', weight: 100, max: 100 }];

const app = (id: string, at = '2026-03-01T02:00:00Z'): RankingApplication => ({
  applicationId: id,
  number: `JP-2026-${id}`,
  title: `title ${id}`,
  firstSubmittedAt: at,
});
const rev = (applicationId: string, expertId: string, a: number, b: number): SubmittedReview => ({
  applicationId,
  expertId,
  scores: { a, b },
});
const plain = (applicationId: string, expertId: string, q: number): SubmittedReview => ({
  applicationId,
  expertId,
  scores: { q },
});

describe('reviewScore and round2', () => {
  it('Σ weight × score / max', () => {
    expect(reviewScore({ a: 8, b: 15 }, RUBRIC)).toBe(78); // 60·8/10 + 40·15/20 = 48 + 30
    expect(reviewScore({ a: 10, b: 20 }, RUBRIC)).toBe(100);
    expect(reviewScore({ a: 0, b: 0 }, RUBRIC)).toBe(0);
  });
  it('weights not summing to 100 are scaled to 100', () => {
    expect(
      reviewScore({ x: 5, y: 10 }, [
        { key: 'x', weight: 3, max: 10 },
        { key: 'y', weight: 1, max: 10 },
      ]),
    ).toBe(62.5); // (1.5 + 1) × 100 / 4
  });
  it('rejects a missing criterion or a score out of range', () => {
    expect(() => reviewScore({ a: 8 }, RUBRIC)).toThrow(AggregationInputError);
    expect(() => reviewScore({ a: 11, b: 0 }, RUBRIC)).toThrow(/outside/);
    expect(() => reviewScore({ a: -1, b: 0 }, RUBRIC)).toThrow(/outside/);
  });
  it('rounds half away from zero, decimal-safe', () => {
    expect(round2(80.005)).toBe(80.01); // the double is 80.00499999999999…
    expect(round2(1.005)).toBe(1.01);
    expect(round2(10.005)).toBe(10.01);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(2.004999)).toBe(2);
    expect(round2(66.48828438198076)).toBe(66.49);
    expect(round2(32.2 - 12.2)).toBe(20); // 20.000000000000004
    expect(round2(0.0049)).toBe(0);
    expect(round2(100)).toBe(100);
  });
});

describe('aggregateRanking — mean', () => {
  it('plain mean, raw mean, spread and rank', () => {
    const rows = aggregateRanking({
      applications: [app('P'), app('Q')],
      reviews: [
        rev('P', 'e1', 8, 15),
        rev('P', 'e2', 9, 18),
        rev('Q', 'e1', 6, 10),
        rev('Q', 'e2', 7, 14),
        rev('Q', 'e3', 5, 20),
      ],
      rubric: RUBRIC,
      method: 'mean',
    });
    // P: 78, 90 → 84; Q: 56, 70, 70 → 65.333… → 65.33, spread 14
    expect(rows).toEqual([
      {
        applicationId: 'P',
        number: 'JP-2026-P',
        title: 'title P',
        score: 84,
        rawMean: 84,
        reviews: 2,
        spread: 12,
        flagged: false,
        rank: 1,
      },
      {
        applicationId: 'Q',
        number: 'JP-2026-Q',
        title: 'title Q',
        score: 65.33,
        rawMean: 65.33,
        reviews: 3,
        spread: 14,
        flagged: false,
        rank: 2,
      },
    ]);
  });
});

describe('aggregateRanking — trimmed', () => {
  const input = (method: 'trimmed' | 'mean') => ({
    applications: [app('four'), app('five'), app('six')],
    reviews: [
      ...[90, 80, 70, 20].map((q, i) => plain('four', `e${i}`, q)),
      ...[90, 80, 70, 60, 10].map((q, i) => plain('five', `e${i}`, q)),
      ...[90, 90, 80, 70, 60, 50].map((q, i) => plain('six', `e${i}`, q)),
    ],
    rubric: PLAIN,
    method,
  });
  it('fewer than 5 reviews: the mean; exactly 5: drop one highest and one lowest; ties at the top drop only one', () => {
    const rows = aggregateRanking(input('trimmed'));
    const by = Object.fromEntries(rows.map((r) => [r.applicationId, r]));
    expect(by.four).toMatchObject({ score: 65, rawMean: 65, reviews: 4, spread: 70, flagged: true }); // (90+80+70+20)/4
    expect(by.five).toMatchObject({ score: 70, rawMean: 62, reviews: 5, spread: 80, flagged: true }); // (80+70+60)/3; raw 310/5
    expect(by.six).toMatchObject({ score: 75, rawMean: 73.33, reviews: 6, spread: 40 }); // (90+80+70+60)/4; raw 440/6
    expect(rows.map((r) => r.applicationId)).toEqual(['six', 'five', 'four']);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
  });
  it('the same reviews under mean rank differently', () => {
    expect(aggregateRanking(input('mean')).map((r) => [r.applicationId, r.score])).toEqual([
      ['six', 73.33],
      ['four', 65],
      ['five', 62],
    ]);
  });
});

describe('aggregateRanking — zscore', () => {
  // e1 reviews P 78, Q 56 (mean 67, sd 11)       → z = +1, −1
  // e2 reviews P 90, Q 70 (mean 80, sd 10)       → z = +1, −1
  // e4 reviews Q 70, R 70 (sd 0)                 → contributes the overall mean
  // e3 reviews R 76 only                         → counted raw
  // every review: 78 90 56 70 70 76 70 → overall mean 510/7 = 72.857142…, population sd √(638.857…/7) = 9.553288
  // P: (72.857143 + 9.553288) twice          = 82.410431 → 82.41 (raw mean 84, spread 12)
  // Q: (2 × 63.303855 + 72.857143) / 3       = 66.488284 → 66.49 (raw 65.33, spread 14)
  // R: (76 + 72.857143) / 2                  = 74.428571 → 74.43 (raw 73, spread 6)
  const reviews = [
    rev('P', 'e1', 8, 15),
    rev('P', 'e2', 9, 18),
    rev('Q', 'e1', 6, 10),
    rev('Q', 'e2', 7, 14),
    rev('Q', 'e4', 5, 20),
    rev('R', 'e3', 7, 17),
    rev('R', 'e4', 5, 20),
  ];
  it('standardises experts with ≥ 2 reviews, keeps single-review experts raw, zero-deviation experts give the overall mean', () => {
    const rows = aggregateRanking({
      applications: [app('Q'), app('R'), app('P')],
      reviews,
      rubric: RUBRIC,
      method: 'zscore',
    });
    expect(rows.map((r) => [r.applicationId, r.score, r.rawMean, r.spread, r.rank])).toEqual([
      ['P', 82.41, 84, 12, 1],
      ['R', 74.43, 73, 6, 2],
      ['Q', 66.49, 65.33, 14, 3],
    ]);
  });
  it('the overall mean and deviation include reviews of applications not listed', () => {
    const rows = aggregateRanking({ applications: [app('R')], reviews, rubric: RUBRIC, method: 'zscore' });
    expect(rows).toEqual([expect.objectContaining({ applicationId: 'R', score: 74.43, rank: 1 })]);
  });
  it('an expert with a single score is raw even when everybody else is standardised', () => {
    const rows = aggregateRanking({
      applications: [app('X'), app('Y')],
      reviews: [plain('X', 'solo', 95), plain('X', 'pair', 60), plain('Y', 'pair', 80)],
      rubric: PLAIN,
      method: 'zscore',
    });
    // overall: 95 60 80 → mean 78.333333, sd √((277.777…+336.111…+2.777…)/3) = √205.555… = 14.337209
    // pair: mean 70, sd 10 → X: 60 → z −1 → 63.996124; Y: 80 → z +1 → 92.670543
    // X = (95 + 63.996124) / 2 = 79.498062 → 79.5; Y = 92.67
    expect(rows.map((r) => [r.applicationId, r.score, r.rawMean])).toEqual([
      ['Y', 92.67, 80],
      ['X', 79.5, 77.5],
    ]);
  });
});

describe('aggregateRanking — flags, ties, unreviewed applications', () => {
  it('flags only a spread above the threshold (exactly 20 is not flagged, float noise included)', () => {
    const rows = aggregateRanking({
      applications: [app('at'), app('above'), app('custom')],
      reviews: [
        plain('at', 'e1', 32.2),
        plain('at', 'e2', 12.2),
        plain('above', 'e1', 32.21),
        plain('above', 'e2', 12.2),
        plain('custom', 'e1', 50),
        plain('custom', 'e2', 40),
      ],
      rubric: PLAIN,
      method: 'mean',
    });
    const by = Object.fromEntries(rows.map((r) => [r.applicationId, r]));
    expect(by.at).toMatchObject({ spread: 20, flagged: false });
    expect(by.above).toMatchObject({ spread: 20.01, flagged: true });
    expect(by.custom).toMatchObject({ spread: 10, flagged: false });
    const strict = aggregateRanking({
      applications: [app('custom')],
      reviews: [plain('custom', 'e1', 50), plain('custom', 'e2', 40)],
      rubric: PLAIN,
      method: 'mean',
      spreadThreshold: 9.99,
    });
    expect(strict[0].flagged).toBe(true);
  });

  it('tie-break chain: rounded score, then higher minimum, then earlier first submission, then id', () => {
    const rows = aggregateRanking({
      applications: [
        app('T1', '2026-03-02T00:00:00Z'), // 80, 80
        app('T2', '2026-03-01T00:00:00Z'), // 90, 70 → same score, lower minimum: below T1 although earlier
        app('T3', '2026-03-01T00:00:00Z'), // 80, 80, earlier than T1 → above T1
        app('T4', '2026-03-01T00:00:00Z'), // identical to T3, same instant → id decides
        app('T5', '2026-03-03T00:00:00Z'), // 80.004 → rounds to 80.00, min 80.00
        app('T6', '2026-02-28T00:00:00Z'), // 79.996 → rounds to 80.00, min 80.00, earliest → first despite the lower raw mean
        app('T7', '2026-01-01T00:00:00Z'), // 79.994 → 79.99: really lower
      ],
      reviews: [
        plain('T1', 'a', 80),
        plain('T1', 'b', 80),
        plain('T2', 'a', 90),
        plain('T2', 'b', 70),
        plain('T3', 'a', 80),
        plain('T3', 'b', 80),
        plain('T4', 'b', 80),
        plain('T4', 'a', 80),
        plain('T5', 'a', 80.004),
        plain('T5', 'b', 80.004),
        plain('T6', 'a', 79.996),
        plain('T6', 'b', 79.996),
        plain('T7', 'a', 79.994),
      ],
      rubric: PLAIN,
      method: 'mean',
    });
    expect(rows.map((r) => r.applicationId)).toEqual(['T6', 'T3', 'T4', 'T1', 'T5', 'T2', 'T7']);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.map((r) => r.score)).toEqual([80, 80, 80, 80, 80, 80, 79.99]);
  });

  it('accepts Date instants as well as ISO strings', () => {
    const rows = aggregateRanking({
      applications: [
        { ...app('late'), firstSubmittedAt: new Date('2026-03-02T00:00:00+08:00') },
        { ...app('early'), firstSubmittedAt: '2026-03-01T23:59:59+08:00' },
      ],
      reviews: [plain('late', 'a', 70), plain('early', 'a', 70)],
      rubric: PLAIN,
      method: 'trimmed',
    });
    expect(rows.map((r) => r.applicationId)).toEqual(['early', 'late']);
  });

  it('applications without a submitted review are listed last, unranked, with null scores', () => {
    const rows = aggregateRanking({
      applications: [
        app('none-b', '2026-03-05T00:00:00Z'),
        app('rated'),
        app('none-a', '2026-03-05T00:00:00Z'),
        app('none-0', '2026-03-04T00:00:00Z'),
      ],
      reviews: [plain('rated', 'e', 10)],
      rubric: PLAIN,
      method: 'zscore',
    });
    expect(rows).toEqual([
      expect.objectContaining({ applicationId: 'rated', score: 10, rank: 1 }),
      {
        applicationId: 'none-0',
        number: 'JP-2026-none-0',
        title: 'title none-0',
        score: null,
        rawMean: null,
        reviews: 0,
        spread: null,
        flagged: false,
        rank: null,
      },
      expect.objectContaining({ applicationId: 'none-a', rank: null }),
      expect.objectContaining({ applicationId: 'none-b', rank: null }),
    ]);
    expect(
      aggregateRanking({ applications: [app('x')], reviews: [], rubric: PLAIN, method: 'zscore' })[0].rank,
    ).toBeNull();
  });

  it('rejects an unknown method and duplicate applications', () => {
    expect(() =>
      aggregateRanking({ applications: [], reviews: [], rubric: PLAIN, method: 'median' as AggregationMethod }),
    ).toThrow(AggregationInputError);
    expect(() =>
      aggregateRanking({ applications: [app('x'), app('x')], reviews: [], rubric: PLAIN, method: 'mean' }),
    ).toThrow(/duplicate/);
  });
});

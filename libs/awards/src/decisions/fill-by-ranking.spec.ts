import { fillByRanking } from './fill-by-ranking';

const c = (n: number, rank: number | null = n) => ({ applicationId: `a${n}`, rank });

describe('fill by ranking', () => {
  it('awards tier by tier down the ranking until the budget is spent', () => {
    const r = fillByRanking(
      [c(3), c(1), c(2), c(4), c(5)],
      [
        { tier: '一等', amountFen: 300, count: 1 },
        { tier: '二等', amountFen: 200 },
      ],
      750,
    );
    expect(r.items.map((i) => [i.applicationId, i.outcome, i.tier])).toEqual([
      ['a1', 'award', '一等'],
      ['a2', 'award', '二等'],
      ['a3', 'award', '二等'],
      ['a4', 'reject', null],
      ['a5', 'reject', null],
    ]);
    expect(r).toMatchObject({ totalFen: 700, remainingFen: 50 });
  });

  it('drops to a cheaper tier when the current one no longer fits', () => {
    const r = fillByRanking(
      [c(1), c(2), c(3)],
      [
        { tier: 'A', amountFen: 500 },
        { tier: 'B', amountFen: 100 },
      ],
      1100,
    );
    expect(r.items.map((i) => i.tier)).toEqual(['A', 'A', 'B']);
    expect(r.remainingFen).toBe(0);
  });

  it('never awards an unranked application, and handles zero-amount certifications by count', () => {
    const r = fillByRanking([c(1), c(9, null), c(2), c(3)], [{ tier: '动漫企业', amountFen: 0, count: 2 }], 0);
    expect(r.items.map((i) => [i.applicationId, i.outcome])).toEqual([
      ['a1', 'award'],
      ['a2', 'award'],
      ['a3', 'reject'],
      ['a9', 'reject'],
    ]);
  });

  it('gives a tier with a track to that track only: places per category (动漫奖), the best of each first', () => {
    const t = (n: number, track: string) => ({ applicationId: `a${n}`, rank: n, track });
    const r = fillByRanking(
      [t(1, 'work'), t(2, 'work'), t(3, 'director'), t(4, 'work'), t(5, 'director'), t(6, 'team')],
      [
        { tier: '最佳作品', amountFen: 100, count: 2, track: 'work' },
        { tier: '最佳导演', amountFen: 100, count: 1, track: 'director' },
        { tier: '优秀', amountFen: 10, count: 1 },
      ],
      1000,
    );
    expect(r.items.map((i) => [i.applicationId, i.tier])).toEqual([
      ['a1', '最佳作品'],
      ['a2', '最佳作品'],
      ['a3', '最佳导演'],
      ['a4', '优秀'], // the works' places are taken: the tier without a track takes it
      ['a5', null], // the director's place is taken and so is the open one
      ['a6', null],
    ]);
  });
});

import { MicroBatcher } from './micro-batch';

describe('micro-batching of hot statements', () => {
  it('groups what arrives while a statement runs, and answers each caller with its own result', async () => {
    const calls: number[][] = [];
    const b = new MicroBatcher<number, number>(
      async (xs) => {
        calls.push(xs);
        await new Promise((r) => setTimeout(r, 10));
        return xs.map((x) => x * 2);
      },
      100,
      1,
    );
    const first = b.submit(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4].map((x) => b.submit(x));
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
  });

  it('passes a statement’s error to every caller of that batch only', async () => {
    let n = 0;
    const b = new MicroBatcher<number, number>(
      async (xs) => {
        if (n++ === 0) throw new Error('deadlock');
        return xs;
      },
      2,
      1,
    );
    const a = b.submit(1);
    const c = b.submit(2);
    const d = b.submit(3);
    await expect(a).rejects.toThrow('deadlock');
    await expect(c).rejects.toThrow('deadlock');
    await expect(d).resolves.toBe(3);
  });
});

/** Shared helpers for benchmarks under test/load. */
import { performance } from 'perf_hooks';

/** Milliseconds taken by fn (awaited). */
export async function timeMs<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** The last line every benchmark prints: `<id> ratio=<value> goal=<goal> ok|short` (ratio ≥ goal is ok). */
export function verdict(id: string, ratio: number, goal: number): string {
  const line = `${id} ratio=${ratio.toFixed(2)} goal=${goal} ${ratio >= goal ? 'ok' : 'short'}`;
  console.log(line);
  return line;
}

export const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

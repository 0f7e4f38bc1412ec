import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Load data with loading/error state; `reload` runs it again and resolves once that load has settled.
 * A load is identified by its deps (plain values, serialised) and a reload counter; `loading` is derived from whether
 * the latest answer belongs to the current load, so state is only set when an answer arrives, never inside the effect.
 * While a new load runs the previous data stays on screen; an answer to a superseded load is dropped.
 */
export function useLoad<T>(
  fn: () => Promise<T>,
  deps: unknown[],
): { data: T | undefined; loading: boolean; error: unknown; reload: () => Promise<void>; setData: (d: T) => void } {
  const [tick, setTick] = useState(0);
  const token = `${tick}|${JSON.stringify(deps)}`;
  const [state, setState] = useState<{ token: string | null; data: T | undefined; error: unknown }>({
    token: null,
    data: undefined,
    error: null,
  });
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  });
  const ticks = useRef(0);
  const waiting = useRef<{ tick: number; resolve: () => void }[]>([]);
  useEffect(() => {
    let live = true;
    const settled = () => {
      if (!live) return; // the load that superseded this one resolves the waiters
      const ready = waiting.current.filter((w) => w.tick <= tick);
      waiting.current = waiting.current.filter((w) => w.tick > tick);
      ready.forEach((w) => w.resolve());
    };
    fnRef.current().then(
      (data) => {
        if (live) setState({ token, data, error: null });
        settled();
      },
      (error: unknown) => {
        if (live) setState((s) => ({ token, data: s.data, error }));
        settled();
      },
    );
    return () => {
      live = false;
    };
  }, [token, tick]);
  const reload = useCallback(
    () =>
      new Promise<void>((resolve) => {
        const next = ++ticks.current;
        waiting.current.push({ tick: next, resolve });
        setTick(next);
      }),
    [],
  );
  const setData = useCallback((data: T) => setState((s) => ({ ...s, data })), []);
  const loading = state.token !== token;
  return { data: state.data, loading, error: loading ? null : state.error, reload, setData };
}

import { useCallback, useEffect, useState } from 'react';

export type CostLoadState<T> =
  | { loading: true }
  | { loading: false; error: Error }
  | { loading: false; value: T };

export interface CostLoader<T> {
  state: CostLoadState<T>;
  retry: () => void;
}

/**
 * Runs `load` (memoise it: a new function loads again) and again on `retry`; answers
 * of superseded loads are dropped.
 */
export function useCostLoader<T>(load: () => Promise<T>): CostLoader<T> {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CostLoadState<T>>({ loading: true });
  useEffect(() => {
    let current = true;
    setState({ loading: true });
    load().then(
      value => current && setState({ loading: false, value }),
      (error: Error) => current && setState({ loading: false, error }),
    );
    return () => {
      current = false;
    };
  }, [load, attempt]);
  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { state, retry };
}

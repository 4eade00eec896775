import { useCallback, useEffect, useState } from 'react';

export type LoadState<T> =
  | { loading: true }
  | { loading: false; error: Error }
  | { loading: false; value: T };

export interface Loader<T> {
  state: LoadState<T>;
  retry: () => void;
}

/**
 * The loading, error or loaded state of one backend request, shared by the entity views.
 * Runs `load` (memoise it: a new function loads again) and again on `retry`; answers
 * of superseded loads are dropped.
 */
export function useLoader<T>(load: () => Promise<T>): Loader<T> {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<LoadState<T>>({ loading: true });
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

import { useCallback, useEffect, useRef, useState } from 'react';

interface State<T> {
  key: string;
  data?: T;
  error?: unknown;
}

export interface Loaded<T> {
  /** The latest answer; kept while a new key loads so lists do not flicker. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with a fresher copy the API returned elsewhere (after an action). */
  setData: (data: T) => void;
}

/** Loads `load()` whenever `key` changes (null: nothing to load). */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<State<T> | null>(null);
  const fullKey = key === null ? null : `${key}#${nonce}`;
  const loadRef = useRef(load);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (fullKey === null) return;
    let cancelled = false;
    loadRef.current().then(
      (data) => {
        if (!cancelled) setState({ key: fullKey, data });
      },
      (error: unknown) => {
        if (!cancelled) setState((previous) => ({ key: fullKey, data: previous?.data, error }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fullKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((data: T) => setState((previous) => ({ key: previous?.key ?? '', data })), []);

  return {
    data: state?.data,
    error: state?.key === fullKey ? state?.error : undefined,
    loading: fullKey !== null && state?.key !== fullKey,
    reload,
    setData,
  };
}

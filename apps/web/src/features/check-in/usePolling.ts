import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | undefined;
  error: unknown;
  /** Asks again now (after this door recorded something). */
  refresh: () => void;
}

/**
 * Loads `load()` for `key` now and every `intervalMs` while the tab is visible, so that every door of a
 * session sees the same count within a few seconds. Answers for an older key are dropped.
 */
export function usePolling<T>(key: string | null, load: () => Promise<T>, intervalMs: number): Polled<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown } | null>(null);
  const loadRef = useRef(load);
  const keyRef = useRef(key);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    loadRef.current = load;
    keyRef.current = key;
  });

  useEffect(() => {
    if (key === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      if (stopped) return;
      if (document.visibilityState !== 'hidden') {
        try {
          const data = await loadRef.current();
          if (!stopped && keyRef.current === key) setState({ key, data });
        } catch (error) {
          if (!stopped && keyRef.current === key)
            setState((previous) => ({ key, data: previous?.key === key ? previous.data : undefined, error }));
        }
      }
      if (!stopped) timer = setTimeout(() => void run(), intervalMs);
    };
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key, intervalMs, nonce]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  const current = state?.key === key ? state : undefined;
  return { data: current?.data, error: current?.error, refresh };
}

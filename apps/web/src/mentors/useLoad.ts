import { useCallback, useEffect, useState } from 'react';

/** Loads `load()` whenever `key` changes (null: nothing); `reload` loads again. */
export function useLoad<T>(key: string | null, load: () => Promise<T>) {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown } | null>(null);
  const [nonce, setNonce] = useState(0);
  const fullKey = key === null ? null : `${key}#${nonce}`;
  useEffect(() => {
    if (fullKey === null) return;
    let cancelled = false;
    load().then(
      (data) => !cancelled && setState({ key: fullKey, data }),
      (error: unknown) => !cancelled && setState((p) => ({ key: fullKey, data: p?.data, error })),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fullKey]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return {
    data: state?.data,
    error: state?.key === fullKey ? state?.error : undefined,
    loading: fullKey !== null && state?.key !== fullKey,
    reload,
  };
}

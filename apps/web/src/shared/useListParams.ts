import { useSearchParams } from 'react-router-dom';

/**
 * A list page's filters kept in the address (shareable, back-button friendly): the current
 * parameters, and `set` to change some of them at once. Any change but the page's own goes back to
 * page 1; an empty value removes the parameter.
 */
export function useListParams(): [URLSearchParams, (changes: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  return [params, set];
}

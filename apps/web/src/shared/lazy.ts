import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';

const RELOADED = 'wutong.chunkReload';

/** Whether this tab already reloaded for a missing chunk; without storage, say yes (never loop). */
function reloadedOnce(mark?: 'set' | 'clear'): boolean {
  try {
    if (mark === 'set') sessionStorage.setItem(RELOADED, '1');
    if (mark === 'clear') sessionStorage.removeItem(RELOADED);
    return sessionStorage.getItem(RELOADED) !== null;
  } catch {
    return true;
  }
}

/**
 * Loads a code-split module. After a new deployment the old hashed chunk names are gone: the first
 * failure reloads the page once (the fresh index.html names the new chunks) instead of breaking it.
 */
export function loadChunk<M>(load: () => Promise<M>): Promise<M> {
  return load().then(
    (module) => {
      reloadedOnce('clear');
      return module;
    },
    (error: unknown) => {
      if (reloadedOnce() || !reloadedOnce('set')) throw error;
      window.location.reload();
      return new Promise<M>(() => {});
    },
  );
}

/**
 * A component loaded on first use from a module's named export: each feature's code (and the antd
 * components only it uses) stays out of the start-up bundle.
 */
export function lazyPage<K extends string, M extends Record<K, ComponentType>>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(() => loadChunk(load).then((module) => ({ default: module[name] })));
}

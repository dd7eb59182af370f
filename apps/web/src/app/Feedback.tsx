import { theme } from 'antd';
import AppContext from 'antd/es/app/context';
import type { useAppProps } from 'antd/es/app/context';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { loadChunk } from '../shared/lazy';

/*
 * What antd's <App> gives the pages (App.useApp(): message, modal, notification) without its code in
 * the start-up bundle (docs/benchmarks.md, initial JS): the first screen shows none of them. The
 * context's value is stable; its calls reach antd's once that has loaded (FeedbackHolders), at the
 * first input, or at the first call, which waits for it.
 */
let ready: useAppProps | null = null;
const waiting: Array<(api: useAppProps) => void> = [];
let wanted: (() => void) | null = null;

function forward<K extends keyof useAppProps>(kind: K): useAppProps[K] {
  return new Proxy({} as useAppProps[K], {
    get:
      (_, method: string) =>
      (...args: unknown[]) => {
        const call = (api: useAppProps) =>
          (api[kind] as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args);
        if (ready) return call(ready);
        waiting.push(call);
        wanted?.();
        return undefined;
      },
  });
}

const VALUE: useAppProps = {
  message: forward('message'),
  modal: forward('modal'),
  notification: forward('notification'),
};

function onReady(api: useAppProps): void {
  ready = api;
  for (const call of waiting.splice(0)) call(api);
}

const FeedbackHolders = lazy(() =>
  loadChunk(() => import('./FeedbackHolders')).then((module) => ({ default: module.FeedbackHolders })),
);

/**
 * At the first touch, click or key (a dialog or a message is the answer to one), or at the first
 * call, if sooner: never while the app is still drawing its first page (the accessibility suite
 * caught server-rendered pages taken over later when this loaded at idle after the load event).
 */
function onFirstInput(then: () => void): () => void {
  let done = false;
  const once = () => {
    if (!done) then();
    done = true;
    for (const type of INPUTS) window.removeEventListener(type, once, true);
  };
  for (const type of INPUTS) window.addEventListener(type, once, { capture: true, passive: true });
  return once;
}
const INPUTS = ['pointerdown', 'keydown', 'touchstart'] as const;

/** In place of antd's <App>, with its look: the theme's text colour, size, line height and font. */
export function Feedback({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const [load, setLoad] = useState(false);
  useEffect(() => {
    wanted = onFirstInput(() => setLoad(true));
    return () => {
      wanted = null;
    };
  }, []);

  return (
    <AppContext.Provider value={VALUE}>
      <div
        style={{
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          fontFamily: token.fontFamily,
        }}
      >
        {load && (
          <Suspense fallback={null}>
            <FeedbackHolders onReady={onReady} />
          </Suspense>
        )}
        {children}
      </div>
    </AppContext.Provider>
  );
}

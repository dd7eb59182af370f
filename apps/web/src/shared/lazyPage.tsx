import { Suspense } from 'react';
import type { ReactNode } from 'react';
import { FullPageSpinner } from './StatusPages';

export { lazyPage, loadChunk } from './lazy';

/** A spinner inside the layout while the page's code loads. */
export function page(node: ReactNode) {
  return <Suspense fallback={<FullPageSpinner />}>{node}</Suspense>;
}

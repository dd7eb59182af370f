import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { readToken } from '../shared/api/token';
import { loadChunk } from '../shared/lazy';
import { FullPageSpinner } from '../shared/StatusPages';

// The user menu in its header is a chunk of its own (AppHeader also serves visitors): fetch both at once.
const loadAppLayout = () =>
  loadChunk(() => Promise.all([import('./AppLayout'), import('./UserMenu')]).then(([m]) => m));
const AppLayout = lazy(() => loadAppLayout().then((module) => ({ default: module.AppLayout })));

// A stored session is most likely restored: fetch the shell alongside GET /api/me, not after it.
if (readToken()) void loadAppLayout();

/**
 * The signed-in shell (side menu, drawer, user menu), loaded on first use: visitors, who see the
 * public header only, never download it.
 */
export function SignedInLayout({ children }: { children?: ReactNode }) {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <AppLayout>{children}</AppLayout>
    </Suspense>
  );
}

import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import type { Role } from '@wutong/shared';
import { hasAnyRole, useAuth } from './session/auth-context';
import { FullPageSpinner, ForbiddenPage } from './StatusPages';

/** Signed-in pages: anonymous visitors go to the log-in page and come back afterwards. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpinner />;
  if (status === 'signedOut') return <Navigate to="/login" replace />;
  if (status === 'anonymous') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children ?? <Outlet />;
}

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  return hasAnyRole(user, roles) ? children : <ForbiddenPage />;
}

/** Where to go after logging in: the page that asked for it, if it is one of ours. */
export function useNextPath(fallback = '/'): string {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}

/**
 * Log-in and sign-up pages: once signed in (on arrival or by submitting the form) the visitor moves
 * on to `?next=` or `whenSignedIn`. The pages themselves never navigate, so there is one redirect.
 */
export function GuestOnly({ children, whenSignedIn = '/' }: { children?: ReactNode; whenSignedIn?: string }) {
  const { status } = useAuth();
  const next = useNextPath(whenSignedIn);
  if (status === 'loading') return <FullPageSpinner />;
  if (status === 'authenticated') return <Navigate to={next} replace />;
  return children ?? <Outlet />;
}

import { lazy, Suspense } from 'react';
import { Route } from 'react-router-dom';
import { RequireRole } from '../app/guards';
import { FullPageSpinner } from '../app/StatusPages';

// Loaded on first visit: ECharts and the page stay out of the start-up bundle.
const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const DASHBOARD_PATHS = ['/dashboard'];

const ORGANIZING = ['organizer', 'admin'] as const;

/** The dashboard for organizers and admins; inside RequireAuth and AppLayout (call as a function). */
export function signedInDashboardRoutes() {
  return (
    <Route
      path="/dashboard"
      element={
        <RequireRole roles={ORGANIZING}>
          <Suspense fallback={<FullPageSpinner />}>
            <DashboardPage />
          </Suspense>
        </RequireRole>
      }
    />
  );
}

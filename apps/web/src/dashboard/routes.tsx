import { Route } from 'react-router-dom';
import { RequireRole } from '../app/guards';
import { lazyPage, page } from '../app/lazyPage';

// Loaded on first visit: ECharts and the page stay out of the start-up bundle.
const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const DASHBOARD_PATHS = ['/dashboard'];

const ORGANIZING = ['organizer', 'admin'] as const;

/** The dashboard for organizers and admins; inside RequireAuth and AppLayout (call as a function). */
export function signedInDashboardRoutes() {
  return (
    <Route
      path="/dashboard"
      element={<RequireRole roles={ORGANIZING}>{page(<DashboardPage />)}</RequireRole>}
    />
  );
}

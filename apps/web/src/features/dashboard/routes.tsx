import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

// Loaded on first visit: ECharts and the page stay out of the start-up bundle.
const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');

/** The year's numbers against the targets, for organizers and admins. */
export const dashboardRoutes: FeatureRoutes = {
  signedIn: (
    <Route
      path="/dashboard"
      element={<RequireRole roles={ORGANIZING}>{page(<DashboardPage />)}</RequireRole>}
    />
  ),
};

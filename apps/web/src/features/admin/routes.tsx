import { Route } from 'react-router-dom';
import type { FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const CarriersPage = lazyPage(() => import('./CarriersPage'), 'CarriersPage');
const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');

const ADMIN = ['admin'] as const;

/** Carriers with their organizers and venues; users' roles. */
export const adminRoutes: FeatureRoutes = {
  signedIn: (
    <>
      <Route
        path="/admin/carriers"
        element={<RequireRole roles={ADMIN}>{page(<CarriersPage />)}</RequireRole>}
      />
      <Route path="/admin/users" element={<RequireRole roles={ADMIN}>{page(<UsersPage />)}</RequireRole>} />
    </>
  ),
};

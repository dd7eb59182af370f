import { Route } from 'react-router-dom';
import type { FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const CarriersPage = lazyPage(() => import('./CarriersPage'), 'CarriersPage');
const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');
const AccountsPage = lazyPage(() => import('./AccountsPage'), 'AccountsPage');
const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');
const PeriodLocksPage = lazyPage(() => import('./PeriodLocksPage'), 'PeriodLocksPage');

const ADMIN = ['admin'] as const;

/** Carriers with their organizers and venues; users' roles; accounts; the audit log; reported months. */
export const adminRoutes: FeatureRoutes = {
  signedIn: (
    <>
      <Route
        path="/admin/carriers"
        element={<RequireRole roles={ADMIN}>{page(<CarriersPage />)}</RequireRole>}
      />
      <Route path="/admin/users" element={<RequireRole roles={ADMIN}>{page(<UsersPage />)}</RequireRole>} />
      <Route
        path="/admin/accounts"
        element={<RequireRole roles={ADMIN}>{page(<AccountsPage />)}</RequireRole>}
      />
      <Route path="/admin/audit" element={<RequireRole roles={ADMIN}>{page(<AuditPage />)}</RequireRole>} />
      <Route
        path="/admin/periods"
        element={<RequireRole roles={ADMIN}>{page(<PeriodLocksPage />)}</RequireRole>}
      />
    </>
  ),
};

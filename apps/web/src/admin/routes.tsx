import { Route } from 'react-router-dom';
import { RequireRole } from '../app/guards';
import { lazyPage, page } from '../app/lazyPage';

const CarriersPage = lazyPage(() => import('./CarriersPage'), 'CarriersPage');
const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const ADMIN_PATHS = ['/admin/carriers', '/admin/users'];

const ADMIN = ['admin'] as const;

/** The admin pages; inside RequireAuth and AppLayout (call as a function). */
export function signedInAdminRoutes() {
  return (
    <>
      <Route
        path="/admin/carriers"
        element={<RequireRole roles={ADMIN}>{page(<CarriersPage />)}</RequireRole>}
      />
      <Route path="/admin/users" element={<RequireRole roles={ADMIN}>{page(<UsersPage />)}</RequireRole>} />
    </>
  );
}

import { Route } from 'react-router-dom';
import { RequireRole } from '../app/guards';
import { CarriersPage } from './CarriersPage';
import { UsersPage } from './UsersPage';

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const ADMIN_PATHS = ['/admin/carriers', '/admin/users'];

const ADMIN = ['admin'] as const;

/** The admin pages; inside RequireAuth and AppLayout (call as a function). */
export function signedInAdminRoutes() {
  return (
    <>
      <Route
        path="/admin/carriers"
        element={
          <RequireRole roles={ADMIN}>
            <CarriersPage />
          </RequireRole>
        }
      />
      <Route
        path="/admin/users"
        element={
          <RequireRole roles={ADMIN}>
            <UsersPage />
          </RequireRole>
        }
      />
    </>
  );
}

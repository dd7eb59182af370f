import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const MyBookingsPage = lazyPage(() => import('./MyBookingsPage'), 'MyBookingsPage');
const NoShowContestsPage = lazyPage(() => import('./NoShowContestsPage'), 'NoShowContestsPage');

/** Booked office hours (founders' and mentors' sides) and the no-show contests organizers decide. */
export const bookingsRoutes: FeatureRoutes = {
  signedIn: (
    <>
      <Route path="/me/bookings" element={page(<MyBookingsPage />)} />
      <Route
        path="/manage/no-show-contests"
        element={<RequireRole roles={ORGANIZING}>{page(<NoShowContestsPage />)}</RequireRole>}
      />
    </>
  ),
};

import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const MyBookingsPage = lazyPage(() => import('./MyBookingsPage'), 'MyBookingsPage');
const NoShowContestsPage = lazyPage(() => import('./NoShowContestsPage'), 'NoShowContestsPage');
const CoachingRecordsPage = lazyPage(() => import('./CoachingRecordsPage'), 'CoachingRecordsPage');

/**
 * Booked office hours (founders' and mentors' sides), the no-show contests organizers decide and the
 * carrier's coaching records.
 */
export const bookingsRoutes: FeatureRoutes = {
  signedIn: (
    <>
      <Route path="/me/bookings" element={page(<MyBookingsPage />)} />
      <Route
        path="/manage/no-show-contests"
        element={<RequireRole roles={ORGANIZING}>{page(<NoShowContestsPage />)}</RequireRole>}
      />
      <Route
        path="/manage/coaching-records"
        element={<RequireRole roles={ORGANIZING}>{page(<CoachingRecordsPage />)}</RequireRole>}
      />
    </>
  ),
};

import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const DoorStaffPage = lazyPage(() => import('./DoorStaffPage'), 'DoorStaffPage');

/** Carriers' door staff, for their organizers. */
export const doorStaffRoutes: FeatureRoutes = {
  signedIn: (
    <Route
      path="/manage/door-staff"
      element={<RequireRole roles={ORGANIZING}>{page(<DoorStaffPage />)}</RequireRole>}
    />
  ),
};

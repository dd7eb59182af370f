import { Fragment } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { accountsRoutes } from '../features/accounts/routes';
import { adminRoutes } from '../features/admin/routes';
import { attendanceRoutes } from '../features/attendance/routes';
import { bookingsRoutes } from '../features/bookings/routes';
import { checkInRoutes } from '../features/check-in/routes';
import { doorStaffRoutes } from '../features/door-staff/routes';
import { companiesRoutes } from '../features/companies/routes';
import { dashboardRoutes } from '../features/dashboard/routes';
import { eventsRoutes } from '../features/events/routes';
import { manageEventsRoutes } from '../features/manage-events/routes';
import { matchingRoutes } from '../features/matching/routes';
import { mentorsRoutes } from '../features/mentors/routes';
import { profileRoutes } from '../features/profile/routes';
import { registrationsRoutes } from '../features/registrations/routes';
import { surveysRoutes } from '../features/surveys/routes';
import type { FeatureRoutes } from '../shared/featureRoutes';
import { RequireAuth } from '../shared/guards';
import { lazyPage, page } from '../shared/lazyPage';
import { useAuth } from '../shared/session/auth-context';
import { FullPageSpinner, NotFoundPage } from '../shared/StatusPages';
import { AdaptiveLayout } from './AdaptiveLayout';
import { PublicLayout } from './PublicLayout';
import { SignedInLayout } from './SignedInLayout';
import { doorOnly } from './nav';

const HomePage = lazyPage(() => import('./HomePage'), 'HomePage');
const WelcomePage = lazyPage(() => import('./WelcomePage'), 'WelcomePage');

/** Every feature's routes; each feature says which shell its pages need. */
const FEATURES: FeatureRoutes[] = [
  accountsRoutes,
  profileRoutes,
  eventsRoutes,
  registrationsRoutes,
  manageEventsRoutes,
  checkInRoutes,
  doorStaffRoutes,
  attendanceRoutes,
  mentorsRoutes,
  matchingRoutes,
  bookingsRoutes,
  companiesRoutes,
  dashboardRoutes,
  surveysRoutes,
  adminRoutes,
];

const each = (group: keyof FeatureRoutes) =>
  FEATURES.map((feature, i) => <Fragment key={i}>{feature[group]}</Fragment>);

/** `/` is the product introduction for visitors and the welcome page once signed in. */
function Home() {
  const { status, user } = useAuth();
  if (status === 'loading') return <FullPageSpinner />;
  // Door staff land on the door, the one page they have.
  if (status === 'authenticated' && doorOnly(user?.roles ?? [])) return <Navigate to="/check-in" replace />;
  return status === 'authenticated' ? (
    <SignedInLayout>{page(<WelcomePage />)}</SignedInLayout>
  ) : (
    <PublicLayout>{page(<HomePage />)}</PublicLayout>
  );
}

function NotFound() {
  const { status } = useAuth();
  const Shell = status === 'authenticated' ? SignedInLayout : PublicLayout;
  return (
    <Shell>
      <NotFoundPage />
    </Shell>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route element={<PublicLayout />}>{each('visitor')}</Route>
      <Route element={<AdaptiveLayout />}>{each('open')}</Route>
      <Route element={<RequireAuth />}>
        {each('fullScreen')}
        <Route element={<SignedInLayout />}>{each('signedIn')}</Route>
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

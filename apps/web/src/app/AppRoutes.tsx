import { Route, Routes } from 'react-router-dom';
import { ADMIN_PATHS, signedInAdminRoutes } from '../admin/routes';
import { useAuth } from '../auth/auth-context';
import { ForgotPasswordPage } from '../auth/ForgotPasswordPage';
import { LoginPage } from '../auth/LoginPage';
import { ResetPasswordPage } from '../auth/ResetPasswordPage';
import { SignupPage } from '../auth/SignupPage';
import { CHECK_IN_PATHS, publicCheckInRoutes, signedInCheckInRoutes } from '../check-in/routes';
import { DASHBOARD_PATHS, signedInDashboardRoutes } from '../dashboard/routes';
import { EVENT_PATHS, publicEventRoutes, signedInEventRoutes } from '../events/routes';
import { HomePage } from '../home/HomePage';
import { MENTOR_PATHS, publicMentorRoutes, signedInMentorRoutes } from '../mentors/routes';
import { WelcomePage } from '../home/WelcomePage';
import { ChangePasswordPage } from '../profile/ChangePasswordPage';
import { ProfilePage } from '../profile/ProfilePage';
import { AppLayout } from './AppLayout';
import { ComingSoon } from './ComingSoon';
import { GuestOnly, RequireAuth, RequireRole } from './guards';
import { NAV_ITEMS } from './nav';
import { PublicLayout } from './PublicLayout';
import { FullPageSpinner, NotFoundPage } from './StatusPages';

/** `/` is the product introduction for visitors and the welcome page once signed in. */
function Home() {
  const { status } = useAuth();
  if (status === 'loading') return <FullPageSpinner />;
  return status === 'authenticated' ? (
    <AppLayout>
      <WelcomePage />
    </AppLayout>
  ) : (
    <PublicLayout>
      <HomePage />
    </PublicLayout>
  );
}

function NotFound() {
  const { status } = useAuth();
  const Shell = status === 'authenticated' ? AppLayout : PublicLayout;
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
      <Route element={<PublicLayout />}>
        <Route element={<GuestOnly />}>
          <Route path="/login" element={<LoginPage />} />
        </Route>
        <Route element={<GuestOnly whenSignedIn="/profile" />}>
          <Route path="/signup" element={<SignupPage />} />
        </Route>
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
      </Route>
      {publicEventRoutes()}
      {publicMentorRoutes()}
      {publicCheckInRoutes()}
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route path="/profile" element={<ProfilePage />} />
          <Route path="/profile/password" element={<ChangePasswordPage />} />
          {signedInEventRoutes()}
          {signedInMentorRoutes()}
          {signedInCheckInRoutes()}
          {signedInDashboardRoutes()}
          {signedInAdminRoutes()}
          {NAV_ITEMS.filter(
            (item) =>
              !EVENT_PATHS.includes(item.path) &&
              !MENTOR_PATHS.includes(item.path) &&
              !CHECK_IN_PATHS.includes(item.path) &&
              !DASHBOARD_PATHS.includes(item.path) &&
              !ADMIN_PATHS.includes(item.path),
          ).map((item) => (
            <Route
              key={item.path}
              path={item.path}
              element={
                <RequireRole roles={item.roles}>
                  <ComingSoon feature={item.label} />
                </RequireRole>
              }
            />
          ))}
        </Route>
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

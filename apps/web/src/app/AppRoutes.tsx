import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ADMIN_PATHS, signedInAdminRoutes } from '../admin/routes';
import { useAuth } from '../auth/auth-context';
import { CHECK_IN_PATHS, publicCheckInRoutes, signedInCheckInRoutes } from '../check-in/routes';
import { DASHBOARD_PATHS, signedInDashboardRoutes } from '../dashboard/routes';
import { EVENT_PATHS, publicEventRoutes, signedInEventRoutes } from '../events/routes';
import { MENTOR_PATHS, publicMentorRoutes, signedInMentorRoutes } from '../mentors/routes';
import { GuestOnly, RequireAuth, RequireRole } from './guards';
import { lazyPage, loadChunk, page } from './lazyPage';
import { NAV_ITEMS } from './nav';
import { PublicLayout } from './PublicLayout';
import { SignedInLayout } from './SignedInLayout';
import { FullPageSpinner, NotFoundPage } from './StatusPages';

const ComingSoon = lazy(() =>
  loadChunk(() => import('./ComingSoon')).then((module) => ({ default: module.ComingSoon })),
);
const LoginPage = lazyPage(() => import('../auth/LoginPage'), 'LoginPage');
const SignupPage = lazyPage(() => import('../auth/SignupPage'), 'SignupPage');
const ForgotPasswordPage = lazyPage(() => import('../auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('../auth/ResetPasswordPage'), 'ResetPasswordPage');
const HomePage = lazyPage(() => import('../home/HomePage'), 'HomePage');
const WelcomePage = lazyPage(() => import('../home/WelcomePage'), 'WelcomePage');
const ProfilePage = lazyPage(() => import('../profile/ProfilePage'), 'ProfilePage');
const ChangePasswordPage = lazyPage(() => import('../profile/ChangePasswordPage'), 'ChangePasswordPage');
const SecurityPage = lazyPage(() => import('../profile/SecurityPage'), 'SecurityPage');
const VerifyEmailPage = lazyPage(() => import('../auth/VerifyEmailPage'), 'VerifyEmailPage');

/** `/` is the product introduction for visitors and the welcome page once signed in. */
function Home() {
  const { status } = useAuth();
  if (status === 'loading') return <FullPageSpinner />;
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
      <Route element={<PublicLayout />}>
        <Route element={<GuestOnly />}>
          <Route path="/login" element={page(<LoginPage />)} />
        </Route>
        <Route element={<GuestOnly whenSignedIn="/verify-email" />}>
          <Route path="/signup" element={page(<SignupPage />)} />
        </Route>
        <Route path="/forgot-password" element={page(<ForgotPasswordPage />)} />
        <Route path="/reset-password" element={page(<ResetPasswordPage />)} />
      </Route>
      {publicEventRoutes()}
      {publicMentorRoutes()}
      {publicCheckInRoutes()}
      <Route element={<RequireAuth />}>
        <Route element={<SignedInLayout />}>
          <Route path="/profile" element={page(<ProfilePage />)} />
          <Route path="/profile/password" element={page(<ChangePasswordPage />)} />
          <Route path="/profile/security" element={page(<SecurityPage />)} />
          <Route path="/verify-email" element={page(<VerifyEmailPage />)} />
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
                <RequireRole roles={item.roles}>{page(<ComingSoon feature={item.label} />)}</RequireRole>
              }
            />
          ))}
        </Route>
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

import { Route } from 'react-router-dom';
import type { FeatureRoutes } from '../../shared/featureRoutes';
import { GuestOnly } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const LoginPage = lazyPage(() => import('./LoginPage'), 'LoginPage');
const SignupPage = lazyPage(() => import('./SignupPage'), 'SignupPage');
const ForgotPasswordPage = lazyPage(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('./ResetPasswordPage'), 'ResetPasswordPage');
const VerifyEmailPage = lazyPage(() => import('./VerifyEmailPage'), 'VerifyEmailPage');

/** Signing up and in, a forgotten password, confirming the address. */
export const accountsRoutes: FeatureRoutes = {
  visitor: (
    <>
      <Route element={<GuestOnly />}>
        <Route path="/login" element={page(<LoginPage />)} />
      </Route>
      <Route element={<GuestOnly whenSignedIn="/verify-email" />}>
        <Route path="/signup" element={page(<SignupPage />)} />
      </Route>
      <Route path="/forgot-password" element={page(<ForgotPasswordPage />)} />
      <Route path="/reset-password" element={page(<ResetPasswordPage />)} />
    </>
  ),
  signedIn: <Route path="/verify-email" element={page(<VerifyEmailPage />)} />,
};

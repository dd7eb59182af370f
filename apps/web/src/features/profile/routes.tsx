import { Route } from 'react-router-dom';
import type { FeatureRoutes } from '../../shared/featureRoutes';
import { lazyPage, page } from '../../shared/lazyPage';

const ProfilePage = lazyPage(() => import('./ProfilePage'), 'ProfilePage');
const ChangePasswordPage = lazyPage(() => import('./ChangePasswordPage'), 'ChangePasswordPage');
const SecurityPage = lazyPage(() => import('./SecurityPage'), 'SecurityPage');

/** The profile with the company, the password, two-step sign-in. */
export const profileRoutes: FeatureRoutes = {
  signedIn: (
    <>
      <Route path="/profile" element={page(<ProfilePage />)} />
      <Route path="/profile/password" element={page(<ChangePasswordPage />)} />
      <Route path="/profile/security" element={page(<SecurityPage />)} />
    </>
  ),
};

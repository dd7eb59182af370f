import { Route } from 'react-router-dom';
import type { FeatureRoutes } from '../../shared/featureRoutes';
import { lazyPage, page } from '../../shared/lazyPage';

const MyRegistrationsPage = lazyPage(() => import('./MyRegistrationsPage'), 'MyRegistrationsPage');

/** A founder's registrations with their tickets. */
export const registrationsRoutes: FeatureRoutes = {
  signedIn: <Route path="/me/registrations" element={page(<MyRegistrationsPage />)} />,
};

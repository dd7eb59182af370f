import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import './check-in.css';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

// Loaded on first visit: the QR decoder and the QR renderer stay out of the start-up bundle.
const DoorPage = lazyPage(() => import('./DoorPage'), 'DoorPage');
const VenueScreenPage = lazyPage(() => import('./VenueScreenPage'), 'VenueScreenPage');
const SelfCheckInPage = lazyPage(() => import('./SelfCheckInPage'), 'SelfCheckInPage');

const organizing = (node: ReactNode) => <RequireRole roles={ORGANIZING}>{page(node)}</RequireRole>;

/** The door, the venue screen (a projector without menus) and self check-in. */
export const checkInRoutes: FeatureRoutes = {
  fullScreen: <Route path="/check-in/:sessionId/screen" element={organizing(<VenueScreenPage />)} />,
  signedIn: (
    <>
      <Route path="/check-in" element={organizing(<DoorPage />)} />
      <Route path="/check-in/:sessionId" element={page(<SelfCheckInPage />)} />
    </>
  ),
};

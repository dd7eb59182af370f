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

/** Organizers, admins and door staff (who see nothing else: docs/api.md, "Door staff and co-hosts"). */
const DOOR = [...ORGANIZING, 'door_staff'] as const;
const door = (node: ReactNode) => <RequireRole roles={DOOR}>{page(node)}</RequireRole>;

/** The door, the venue screen (a projector without menus) and self check-in. */
export const checkInRoutes: FeatureRoutes = {
  fullScreen: <Route path="/check-in/:sessionId/screen" element={door(<VenueScreenPage />)} />,
  signedIn: (
    <>
      <Route path="/check-in" element={door(<DoorPage />)} />
      <Route path="/check-in/:sessionId" element={page(<SelfCheckInPage />)} />
    </>
  ),
};

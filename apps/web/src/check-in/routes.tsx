import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import './check-in.css';
import { AdaptiveLayout } from '../app/AdaptiveLayout';
import { RequireAuth, RequireRole } from '../app/guards';
import { lazyPage, page } from '../app/lazyPage';

// Loaded on first visit: the QR decoder, the QR renderer and the tables stay out of the start-up bundle.
const DoorPage = lazyPage(() => import('./DoorPage'), 'DoorPage');
const VenueScreenPage = lazyPage(() => import('./VenueScreenPage'), 'VenueScreenPage');
const SelfCheckInPage = lazyPage(() => import('./SelfCheckInPage'), 'SelfCheckInPage');
const AttendancePage = lazyPage(() => import('../attendance/AttendancePage'), 'AttendancePage');
const MyAttendancePage = lazyPage(() => import('../attendance/MyAttendancePage'), 'MyAttendancePage');
const CertificatePage = lazyPage(() => import('../attendance/CertificatePage'), 'CertificatePage');
const CertificateCheckPage = lazyPage(
  () => import('../attendance/CertificateCheckPage'),
  'CertificateCheckPage',
);

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const CHECK_IN_PATHS = ['/check-in', '/me/attendance'];

const ORGANIZING = ['organizer', 'admin'] as const;

function organizing(node: ReactNode) {
  return <RequireRole roles={ORGANIZING}>{page(node)}</RequireRole>;
}

/**
 * Outside the signed-in shell (call as a function inside <Routes>): certificate verification for anyone,
 * and the venue screen, which fills a projector without menus.
 */
export function publicCheckInRoutes() {
  return (
    <>
      <Route element={<AdaptiveLayout />}>
        <Route path="/certificates/verify/:code" element={page(<CertificatePage />)} />
        <Route path="/certificates/:serial" element={page(<CertificateCheckPage />)} />
      </Route>
      <Route element={<RequireAuth />}>
        <Route path="/check-in/:sessionId/screen" element={organizing(<VenueScreenPage />)} />
      </Route>
    </>
  );
}

/** The door, self check-in, attendance and my history; inside RequireAuth and AppLayout. */
export function signedInCheckInRoutes() {
  return (
    <>
      <Route path="/check-in" element={organizing(<DoorPage />)} />
      <Route path="/check-in/:sessionId" element={page(<SelfCheckInPage />)} />
      <Route path="/me/attendance" element={page(<MyAttendancePage />)} />
      <Route path="/manage/events/:id/attendance" element={organizing(<AttendancePage />)} />
    </>
  );
}

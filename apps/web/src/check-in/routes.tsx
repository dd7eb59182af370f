import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import './check-in.css';
import { AppLayout } from '../app/AppLayout';
import { RequireAuth, RequireRole } from '../app/guards';
import { PublicLayout } from '../app/PublicLayout';
import { FullPageSpinner } from '../app/StatusPages';
import { useAuth } from '../auth/auth-context';

// Loaded on first visit: the QR decoder, the QR renderer and the tables stay out of the start-up bundle.
const DoorPage = lazy(() => import('./DoorPage').then((m) => ({ default: m.DoorPage })));
const VenueScreenPage = lazy(() => import('./VenueScreenPage').then((m) => ({ default: m.VenueScreenPage })));
const SelfCheckInPage = lazy(() => import('./SelfCheckInPage').then((m) => ({ default: m.SelfCheckInPage })));
const AttendancePage = lazy(() =>
  import('../attendance/AttendancePage').then((m) => ({ default: m.AttendancePage })),
);
const MyAttendancePage = lazy(() =>
  import('../attendance/MyAttendancePage').then((m) => ({ default: m.MyAttendancePage })),
);
const CertificatePage = lazy(() =>
  import('../attendance/CertificatePage').then((m) => ({ default: m.CertificatePage })),
);

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const CHECK_IN_PATHS = ['/check-in', '/me/attendance'];

const ORGANIZING = ['organizer', 'admin'] as const;

function page(node: ReactNode) {
  return <Suspense fallback={<FullPageSpinner />}>{node}</Suspense>;
}

function organizing(node: ReactNode) {
  return <RequireRole roles={ORGANIZING}>{page(node)}</RequireRole>;
}

/** Members see the signed-in shell, visitors the public one. */
function AdaptiveLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <FullPageSpinner />;
  return status === 'authenticated' ? <AppLayout /> : <PublicLayout />;
}

/**
 * Outside the signed-in shell (call as a function inside <Routes>): certificate verification for anyone,
 * and the venue screen, which fills a projector without menus.
 */
export function publicCheckInRoutes() {
  return (
    <>
      <Route element={<AdaptiveLayout />}>
        <Route path="/certificates/:serial" element={page(<CertificatePage />)} />
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

import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import './events.css';
import { AppLayout } from '../app/AppLayout';
import { RequireRole } from '../app/guards';
import { PublicLayout } from '../app/PublicLayout';
import { FullPageSpinner } from '../app/StatusPages';
import { useAuth } from '../auth/auth-context';

// Loaded on first visit, so the calendar, QR and form code stay out of the start-up bundle.
const EventsPage = lazy(() => import('./EventsPage').then((m) => ({ default: m.EventsPage })));
const EventPage = lazy(() => import('./EventPage').then((m) => ({ default: m.EventPage })));
const MyRegistrationsPage = lazy(() =>
  import('../registrations/MyRegistrationsPage').then((m) => ({ default: m.MyRegistrationsPage })),
);
const ManageEventsPage = lazy(() =>
  import('../manage-events/ManageEventsPage').then((m) => ({ default: m.ManageEventsPage })),
);
const ManageEventPage = lazy(() =>
  import('../manage-events/ManageEventPage').then((m) => ({ default: m.ManageEventPage })),
);
const EventFormPage = lazy(() =>
  import('../manage-events/EventFormPage').then((m) => ({ default: m.EventFormPage })),
);

function page(node: ReactNode) {
  return <Suspense fallback={<FullPageSpinner />}>{node}</Suspense>;
}

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const EVENT_PATHS = ['/events', '/me/registrations', '/manage/events'];

const ORGANIZING = ['organizer', 'admin'] as const;

/** Public pages in the signed-in shell for members, the public one for visitors. */
function AdaptiveLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <FullPageSpinner />;
  return status === 'authenticated' ? <AppLayout /> : <PublicLayout />;
}

/** /events and /events/:id: anyone may browse (call as a function inside <Routes>). */
export function publicEventRoutes() {
  return (
    <Route element={<AdaptiveLayout />}>
      <Route path="/events" element={page(<EventsPage />)} />
      <Route path="/events/:id" element={page(<EventPage />)} />
    </Route>
  );
}

/** My registrations and the organizers' pages; inside RequireAuth and AppLayout. */
export function signedInEventRoutes() {
  const manage = (node: ReactNode) => <RequireRole roles={ORGANIZING}>{page(node)}</RequireRole>;
  return (
    <>
      <Route path="/me/registrations" element={page(<MyRegistrationsPage />)} />
      <Route path="/manage/events" element={manage(<ManageEventsPage />)} />
      <Route path="/manage/events/new" element={manage(<EventFormPage />)} />
      <Route path="/manage/events/:id" element={manage(<ManageEventPage />)} />
      <Route path="/manage/events/:id/edit" element={manage(<EventFormPage />)} />
    </>
  );
}

import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import './events.css';
import { AdaptiveLayout } from '../app/AdaptiveLayout';
import { RequireRole } from '../app/guards';
import { lazyPage, page } from '../app/lazyPage';

// Loaded on first visit, so the calendar, QR and form code stay out of the start-up bundle.
const EventsPage = lazyPage(() => import('./EventsPage'), 'EventsPage');
const EventPage = lazyPage(() => import('./EventPage'), 'EventPage');
const MyRegistrationsPage = lazyPage(
  () => import('../registrations/MyRegistrationsPage'),
  'MyRegistrationsPage',
);
const ManageEventsPage = lazyPage(() => import('../manage-events/ManageEventsPage'), 'ManageEventsPage');
const ManageEventPage = lazyPage(() => import('../manage-events/ManageEventPage'), 'ManageEventPage');
const EventFormPage = lazyPage(() => import('../manage-events/EventFormPage'), 'EventFormPage');

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const EVENT_PATHS = ['/events', '/me/registrations', '/manage/events'];

const ORGANIZING = ['organizer', 'admin'] as const;

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

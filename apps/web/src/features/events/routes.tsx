import { Route } from 'react-router-dom';
import './events.css';
import type { FeatureRoutes } from '../../shared/featureRoutes';
import { lazyPage, page } from '../../shared/lazyPage';

// Loaded on first visit, so the calendar, QR and form code stay out of the start-up bundle.
const EventsPage = lazyPage(() => import('./EventsPage'), 'EventsPage');
const EventPage = lazyPage(() => import('./EventPage'), 'EventPage');

/** The event list and calendar, and an event's page with registering: anyone may browse. */
export const eventsRoutes: FeatureRoutes = {
  open: (
    <>
      <Route path="/events" element={page(<EventsPage />)} />
      <Route path="/events/:id" element={page(<EventPage />)} />
    </>
  ),
};

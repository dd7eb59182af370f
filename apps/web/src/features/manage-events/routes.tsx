import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const ManageEventsPage = lazyPage(() => import('./ManageEventsPage'), 'ManageEventsPage');
const ManageEventPage = lazyPage(() => import('./ManageEventPage'), 'ManageEventPage');
const EventFormPage = lazyPage(() => import('./EventFormPage'), 'EventFormPage');

const manage = (node: ReactNode) => <RequireRole roles={ORGANIZING}>{page(node)}</RequireRole>;

/** Organizers' events: the list, the form, one event with its registrants. */
export const manageEventsRoutes: FeatureRoutes = {
  signedIn: (
    <>
      <Route path="/manage/events" element={manage(<ManageEventsPage />)} />
      <Route path="/manage/events/new" element={manage(<EventFormPage />)} />
      <Route path="/manage/events/:id" element={manage(<ManageEventPage />)} />
      <Route path="/manage/events/:id/edit" element={manage(<EventFormPage />)} />
    </>
  ),
};

import { Route } from 'react-router-dom';
import type { ReactNode } from 'react';
import './mentors.css';
import { AdaptiveLayout } from '../app/AdaptiveLayout';
import { RequireRole } from '../app/guards';
import { lazyPage, page } from '../app/lazyPage';

const MentorsPage = lazyPage(() => import('./MentorsPage'), 'MentorsPage');
const MentorPage = lazyPage(() => import('./MentorPage'), 'MentorPage');
const InviteAcceptPage = lazyPage(() => import('./InviteAcceptPage'), 'InviteAcceptPage');
const MyBookingsPage = lazyPage(() => import('../bookings/MyBookingsPage'), 'MyBookingsPage');
const OfficeHoursEditor = lazyPage(() => import('./OfficeHoursEditor'), 'OfficeHoursEditor');
const MentorProfileEditor = lazyPage(() => import('./MentorProfileEditor'), 'MentorProfileEditor');
const LedgerPage = lazyPage(() => import('./LedgerPage'), 'LedgerPage');
const NoShowContestsPage = lazyPage(() => import('../bookings/NoShowContestsPage'), 'NoShowContestsPage');

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const MENTOR_PATHS = [
  '/mentors',
  '/me/bookings',
  '/me/office-hours',
  '/me/mentor-profile',
  '/manage/no-show-contests',
];

/** The directory, a mentor's page and the invitation link: anyone may open them. */
export function publicMentorRoutes() {
  return (
    <Route element={<AdaptiveLayout />}>
      <Route path="/mentors" element={page(<MentorsPage />)} />
      <Route path="/mentors/:id" element={page(<MentorPage />)} />
      <Route path="/mentor-invite" element={page(<InviteAcceptPage />)} />
    </Route>
  );
}

/** Bookings, the mentor's own editors and ledgers; inside RequireAuth and AppLayout. */
export function signedInMentorRoutes() {
  const mentor = (node: ReactNode) => <RequireRole roles={['mentor']}>{page(node)}</RequireRole>;
  return (
    <>
      <Route path="/me/bookings" element={page(<MyBookingsPage />)} />
      <Route path="/me/office-hours" element={mentor(<OfficeHoursEditor />)} />
      <Route path="/me/mentor-profile" element={mentor(<MentorProfileEditor />)} />
      <Route path="/mentors/:id/ledger" element={page(<LedgerPage />)} />
      <Route
        path="/manage/no-show-contests"
        element={<RequireRole roles={['organizer', 'admin']}>{page(<NoShowContestsPage />)}</RequireRole>}
      />
    </>
  );
}

import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import './mentors.css';
import type { FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const MentorsPage = lazyPage(() => import('./MentorsPage'), 'MentorsPage');
const MentorPage = lazyPage(() => import('./MentorPage'), 'MentorPage');
const InviteAcceptPage = lazyPage(() => import('./InviteAcceptPage'), 'InviteAcceptPage');
const OfficeHoursEditor = lazyPage(() => import('./OfficeHoursEditor'), 'OfficeHoursEditor');
const MentorProfileEditor = lazyPage(() => import('./MentorProfileEditor'), 'MentorProfileEditor');
const LedgerPage = lazyPage(() => import('./LedgerPage'), 'LedgerPage');

const mentor = (node: ReactNode) => <RequireRole roles={['mentor']}>{page(node)}</RequireRole>;

/** The directory, a mentor's page with free slots, the invitation link; a mentor's own editors and ledger. */
export const mentorsRoutes: FeatureRoutes = {
  open: (
    <>
      <Route path="/mentors" element={page(<MentorsPage />)} />
      <Route path="/mentors/:id" element={page(<MentorPage />)} />
      <Route path="/mentor-invite" element={page(<InviteAcceptPage />)} />
    </>
  ),
  signedIn: (
    <>
      <Route path="/me/office-hours" element={mentor(<OfficeHoursEditor />)} />
      <Route path="/me/mentor-profile" element={mentor(<MentorProfileEditor />)} />
      <Route path="/mentors/:id/ledger" element={page(<LedgerPage />)} />
    </>
  ),
};

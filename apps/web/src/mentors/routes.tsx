import { Route } from 'react-router-dom';
import './mentors.css';
import { AppLayout } from '../app/AppLayout';
import { RequireRole } from '../app/guards';
import { PublicLayout } from '../app/PublicLayout';
import { FullPageSpinner } from '../app/StatusPages';
import { useAuth } from '../auth/auth-context';
import { MyBookingsPage } from '../bookings/MyBookingsPage';
import { InviteAcceptPage } from './InviteAcceptPage';
import { LedgerPage } from './LedgerPage';
import { MentorPage } from './MentorPage';
import { MentorProfileEditor } from './MentorProfileEditor';
import { MentorsPage } from './MentorsPage';
import { OfficeHoursEditor } from './OfficeHoursEditor';

/** Paths these routes serve, which the "coming soon" placeholders must leave alone. */
export const MENTOR_PATHS = ['/mentors', '/me/bookings', '/me/office-hours', '/me/mentor-profile'];

/** Members see the signed-in shell, visitors the public one. */
function AdaptiveLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <FullPageSpinner />;
  return status === 'authenticated' ? <AppLayout /> : <PublicLayout />;
}

/** The directory, a mentor's page and the invitation link: anyone may open them. */
export function publicMentorRoutes() {
  return (
    <Route element={<AdaptiveLayout />}>
      <Route path="/mentors" element={<MentorsPage />} />
      <Route path="/mentors/:id" element={<MentorPage />} />
      <Route path="/mentor-invite" element={<InviteAcceptPage />} />
    </Route>
  );
}

/** Bookings, the mentor's own editors and ledgers; inside RequireAuth and AppLayout. */
export function signedInMentorRoutes() {
  const mentor = (page: React.ReactNode) => <RequireRole roles={['mentor']}>{page}</RequireRole>;
  return (
    <>
      <Route path="/me/bookings" element={<MyBookingsPage />} />
      <Route path="/me/office-hours" element={mentor(<OfficeHoursEditor />)} />
      <Route path="/me/mentor-profile" element={mentor(<MentorProfileEditor />)} />
      <Route path="/mentors/:id/ledger" element={<LedgerPage />} />
    </>
  );
}

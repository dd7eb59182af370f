import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

// Loaded on first visit: the tables and the certificate views stay out of the start-up bundle.
const AttendancePage = lazyPage(() => import('./AttendancePage'), 'AttendancePage');
const MyAttendancePage = lazyPage(() => import('./MyAttendancePage'), 'MyAttendancePage');
const CertificatePage = lazyPage(() => import('./CertificatePage'), 'CertificatePage');
const CertificateCheckPage = lazyPage(() => import('./CertificateCheckPage'), 'CertificateCheckPage');

/** Who came (per event, and a founder's own history) and certificates anyone may verify. */
export const attendanceRoutes: FeatureRoutes = {
  open: (
    <>
      <Route path="/certificates/verify/:code" element={page(<CertificatePage />)} />
      <Route path="/certificates/:serial" element={page(<CertificateCheckPage />)} />
    </>
  ),
  signedIn: (
    <>
      <Route path="/me/attendance" element={page(<MyAttendancePage />)} />
      <Route
        path="/manage/events/:id/attendance"
        element={<RequireRole roles={ORGANIZING}>{page(<AttendancePage />)}</RequireRole>}
      />
    </>
  ),
};

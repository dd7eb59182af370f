import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const FindMentorPage = lazyPage(() => import('./FindMentorPage'), 'FindMentorPage');
const MentoringQueuePage = lazyPage(() => import('./MentoringQueuePage'), 'MentoringQueuePage');

/** Matching by need: the founder's "find a mentor" and the carrier's queue with supply and demand. */
export const matchingRoutes: FeatureRoutes = {
  signedIn: (
    <>
      <Route path="/find-mentor" element={page(<FindMentorPage />)} />
      <Route
        path="/manage/mentoring-requests"
        element={<RequireRole roles={ORGANIZING}>{page(<MentoringQueuePage />)}</RequireRole>}
      />
    </>
  ),
};

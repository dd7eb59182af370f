import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const SurveyLinkPage = lazyPage(() => import('./SurveyLinkPage'), 'SurveyLinkPage');
const MySurveyPage = lazyPage(() => import('./MySurveyPage'), 'MySurveyPage');
const MySurveysPage = lazyPage(() => import('./WaitingSurveys'), 'MySurveysPage');
const EventSurveyPage = lazyPage(() => import('./EventSurveyPage'), 'EventSurveyPage');
const DefaultSurveyPage = lazyPage(() => import('./DefaultSurveyPage'), 'DefaultSurveyPage');

/** Satisfaction surveys: answering (by link or signed in), the organizer's questions and results. */
export const surveysRoutes: FeatureRoutes = {
  open: <Route path="/survey/:token" element={page(<SurveyLinkPage />)} />,
  signedIn: (
    <>
      <Route path="/me/surveys" element={page(<MySurveysPage />)} />
      <Route path="/me/surveys/:eventId" element={page(<MySurveyPage />)} />
      <Route
        path="/manage/events/:id/survey"
        element={<RequireRole roles={ORGANIZING}>{page(<EventSurveyPage />)}</RequireRole>}
      />
      <Route
        path="/admin/surveys"
        element={<RequireRole roles={['admin']}>{page(<DefaultSurveyPage />)}</RequireRole>}
      />
    </>
  ),
};

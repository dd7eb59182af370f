import { useParams } from 'react-router-dom';
import { useLoad } from '../../shared/useLoad';
import { surveysApi } from './api';
import { SurveyFormCard } from './SurveyFormCard';

/** /me/surveys/:eventId: the signed-in founder answers an event's survey. */
export function MySurveyPage() {
  const { eventId = '' } = useParams();
  const loaded = useLoad(`survey-form:${eventId}`, () => surveysApi.form(eventId));
  return (
    <div className="wt-survey-wrap">
      <SurveyFormCard loaded={loaded} submit={(answers) => surveysApi.answer(eventId, answers)} />
    </div>
  );
}

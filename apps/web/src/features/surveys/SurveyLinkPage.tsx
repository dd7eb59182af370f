import { useParams } from 'react-router-dom';
import { useLoad } from '../../shared/useLoad';
import { surveysApi } from './api';
import { SurveyFormCard } from './SurveyFormCard';

/** /survey/:token, what the mail or text opens: that one survey, no sign-in. */
export function SurveyLinkPage() {
  const { token = '' } = useParams();
  const loaded = useLoad(`survey-link:${token}`, () => surveysApi.linkForm(token));
  return (
    <div className="wt-survey-wrap">
      <SurveyFormCard loaded={loaded} submit={(answers) => surveysApi.linkAnswer(token, answers)} />
    </div>
  );
}

import type {
  DefaultSurveyView,
  EventSurveyView,
  SurveyForm,
  SurveyQuestionInput,
  SurveyResponseCreated,
  SurveyResults,
  WaitingSurvey,
} from '@wutong/shared';
import { request } from '../../shared/api/client';

type Answers = Record<string, number | string>;

export const surveysApi = {
  waiting: () => request<WaitingSurvey[]>('/me/surveys'),
  form: (eventId: string) => request<SurveyForm>(`/events/${eventId}/survey/form`),
  answer: (eventId: string, answers: Answers) =>
    request<SurveyResponseCreated>(`/events/${eventId}/survey/responses`, {
      method: 'POST',
      body: { answers },
    }),
  /** The link's survey: no sign-in, the token is the only key. */
  linkForm: (token: string) =>
    request<SurveyForm>(`/survey-links/${encodeURIComponent(token)}`, { auth: false }),
  linkAnswer: (token: string, answers: Answers) =>
    request<SurveyResponseCreated>(`/survey-links/${encodeURIComponent(token)}`, {
      method: 'POST',
      body: { answers },
      auth: false,
    }),
  eventSurvey: (eventId: string) => request<EventSurveyView>(`/events/${eventId}/survey`),
  saveEventSurvey: (eventId: string, questions: SurveyQuestionInput[]) =>
    request<EventSurveyView>(`/events/${eventId}/survey`, { method: 'PUT', body: { questions } }),
  results: (eventId: string) => request<SurveyResults>(`/events/${eventId}/survey/results`),
  defaultSurvey: () => request<DefaultSurveyView>('/surveys/default'),
  saveDefault: (questions: SurveyQuestionInput[]) =>
    request<DefaultSurveyView>('/surveys/default', { method: 'PUT', body: { questions } }),
};

import type { EventType } from '../events/contracts';

/** Satisfaction surveys (issue 18, point 4): docs/api.md, "Surveys". */
export type SurveyQuestionKind = 'rating' | 'nps' | 'choice' | 'text';
export const SURVEY_QUESTION_KINDS: readonly SurveyQuestionKind[] = ['rating', 'nps', 'choice', 'text'];

export interface SurveyQuestion {
  id: string;
  kind: SurveyQuestionKind;
  label: string;
  /** Choices of a `choice` question (2–10); absent for other kinds. */
  options?: string[];
  required: boolean;
}

/** What PUT /events/:id/survey and PUT /surveys/default take; a question without `id` gets one. */
export interface SurveyQuestionInput {
  id?: string;
  kind: SurveyQuestionKind;
  label: string;
  options?: string[];
  required: boolean;
}
export interface PutSurveyRequest {
  questions: SurveyQuestionInput[];
}

/** The base-wide default survey: every event's survey starts with these questions. */
export interface DefaultSurveyView {
  questions: SurveyQuestion[];
  updatedAt: string | null;
}

/**
 * An event's survey: the base's default questions, then the carrier's own for this event. Once
 * sent it is frozen (`sentAt`): `questions` are what people were asked.
 */
export interface EventSurveyView {
  eventId: string;
  eventTitle: string;
  /** The default questions (read-only here; admins edit them). */
  baseQuestions: SurveyQuestion[];
  /** The organizer's questions for this event. */
  extraQuestions: SurveyQuestion[];
  /** What is (or was) asked: base then extra. */
  questions: SurveyQuestion[];
  sentAt: string | null;
}

/** An answer: rating 1–5 and nps 0–10 integers, choice one of its options, text up to 2000 characters. */
export type SurveyAnswerValue = number | string;
export interface SurveyResponseRequest {
  answers: Record<string, SurveyAnswerValue>;
}
export interface SurveyResponseCreated {
  id: string;
  eventId: string;
  submittedAt: string;
}

/** One survey waiting for me (GET /me/surveys): checked in, the event ended, not answered yet. */
export interface WaitingSurvey {
  eventId: string;
  eventTitle: string;
  eventType: EventType;
  endedAt: string;
  organizationName: string;
}

/** The survey as its link (or a signed-in respondent) sees it. */
export interface SurveyForm {
  eventId: string;
  eventTitle: string;
  endedAt: string;
  questions: SurveyQuestion[];
  /** Answered already: the form is read-only and a new answer is refused (409 ALREADY_ANSWERED). */
  answered: boolean;
}

export interface SurveyQuestionResult {
  id: string;
  kind: SurveyQuestionKind;
  label: string;
  answered: number;
  /** rating: the mean of the answers (2 decimals), null without answers. */
  average?: number | null;
  /** nps: % promoters (9–10) − % detractors (0–6), rounded to an integer; null without answers. */
  nps?: number | null;
  /** rating "1".."5", nps "0".."10", choice by option: how many answered each. */
  counts?: Record<string, number>;
  /** text: the comments, newest first. */
  comments?: string[];
}
export interface SurveyResults {
  eventId: string;
  /** People the survey was sent to (0 before it is sent). */
  invited: number;
  responses: number;
  questions: SurveyQuestionResult[];
}

/** Satisfaction of a group of events (dashboard, annual report): first rating and first NPS question. */
export interface SatisfactionFigures {
  responses: number;
  /** Mean of the first rating question's answers, 2 decimals; null without any. */
  average: number | null;
  /** NPS of the first nps question's answers; null without any. */
  nps: number | null;
}
export interface SatisfactionRow extends SatisfactionFigures {
  /** An event type (byType) or a carrier id (byCarrier). */
  key: string;
  /** The carrier's name (byCarrier only). */
  name?: string;
  events: number;
}
export interface DashboardSatisfaction {
  total: SatisfactionFigures;
  byType: SatisfactionRow[];
  byCarrier: SatisfactionRow[];
}

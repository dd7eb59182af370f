/**
 * Matching by need (docs/api.md, "Matching by need"; the score: docs/matching.md): a founder
 * describes a need, gets up to five mentors with the reasons for each, or asks the carrier to assign one.
 */
import type { CompanyStage, Industry } from '../users/company';
import type { MentorCategory } from './contracts';

export const MAX_SUGGESTIONS = 5;
export const MAX_NEED_LENGTH = 2000;

/**
 * suggested: the founder has the suggestions; open: in the carrier's queue; assigned: an organizer
 * chose a mentor; matched: the founder booked a suggested or the assigned mentor; withdrawn.
 */
export const MENTORING_REQUEST_STATUSES = ['suggested', 'open', 'assigned', 'matched', 'withdrawn'] as const;
export type MentoringRequestStatus = (typeof MENTORING_REQUEST_STATUSES)[number];

/** One reason of a suggestion: a stable code, its parameters and the points it gave (the web words it). */
export type MatchReason =
  | { code: 'expertise'; points: number; matched: string[] }
  | { code: 'category'; points: number; category: MentorCategory }
  | { code: 'languages'; points: number; matched: string[] }
  | { code: 'freeSlots'; points: number; count: number; days: number }
  | { code: 'rating'; points: number; average: number; count: number }
  | { code: 'load'; points: number; upcoming: number };
export type MatchReasonCode = MatchReason['code'];

export interface MentorSuggestion {
  mentorId: string;
  displayName: string;
  category: MentorCategory;
  title: string | null;
  /** 0–100, higher is better (docs/matching.md). */
  score: number;
  reasons: MatchReason[];
  /** The first free slot in the next 14 days, or null. */
  nextSlot: string | null;
}

export interface MentoringNeedInput {
  category?: MentorCategory | null;
  industry?: Industry | null;
  stage?: CompanyStage | null;
  need: string;
  /** The carrier whose queue the need goes to; default: the carrier of the best suggestion. */
  organizationId?: string | null;
}

export interface MentorRef {
  id: string;
  displayName: string;
}

export interface MentoringRequestView {
  id: string;
  organizationId: string;
  organizationName: string;
  status: MentoringRequestStatus;
  category: MentorCategory | null;
  industry: Industry | null;
  stage: CompanyStage | null;
  need: string;
  suggestions: MentorSuggestion[];
  founder: MentorRef & { companyName: string | null };
  assignedMentor: MentorRef | null;
  assignedAt: string | null;
  queuedAt: string | null;
  /** The booking that matched the need, when it was made and when its session starts. */
  bookingId: string | null;
  bookedAt: string | null;
  firstSessionAt: string | null;
  createdAt: string;
}

export interface SupplyDemandRow {
  /** YYYY-MM in the carrier's time zone. */
  month: string;
  /** A mentor category, or `unspecified` for needs without one. */
  category: MentorCategory | 'unspecified';
  offeredHours: number;
  bookedHours: number;
  askedHours: number;
}

export interface TimeToFirstSession {
  /** Needs created in the period (withdrawn ones left out). */
  requests: number;
  matched: number;
  /** In the queue now, waiting for an organizer. */
  open: number;
  /** Hours from the need to its booking, and to the start of the booked session. */
  medianHoursToBooking: number | null;
  medianHoursToSession: number | null;
  averageHoursToSession: number | null;
}

export interface SupplyDemandView {
  organizationId: string;
  from: string;
  to: string;
  timeZone: string;
  rows: SupplyDemandRow[];
  timeToFirstSession: TimeToFirstSession;
}

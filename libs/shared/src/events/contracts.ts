/** Events, their sessions and registration questions; registrations and venues (docs/api.md). */
import type { EventImageView } from './images';

export const EVENT_TYPES = [
  'salon',
  'roadshow',
  'training',
  'coaching',
  'policy_briefing',
  'legal_clinic',
  'hr_workshop',
  'competition',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The one name of each event type, in each language: the web app, the exports and the annual
 * report all read it here.
 */
export const EVENT_TYPE_NAMES: Record<EventType, { 'zh-CN': string; en: string }> = {
  salon: { 'zh-CN': '创业沙龙', en: 'Salon' },
  roadshow: { 'zh-CN': '融资路演', en: 'Roadshow' },
  training: { 'zh-CN': '培训', en: 'Training' },
  coaching: { 'zh-CN': '创业辅导', en: 'Coaching' },
  policy_briefing: { 'zh-CN': '政策解读', en: 'Policy briefing' },
  legal_clinic: { 'zh-CN': '法务咨询', en: 'Legal clinic' },
  hr_workshop: { 'zh-CN': '人力资源', en: 'HR workshop' },
  competition: { 'zh-CN': '创业大赛', en: 'Competition' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const EVENT_STATUSES = ['draft', 'published', 'cancelled', 'completed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const QUESTION_KINDS = ['short_text', 'long_text', 'single_choice', 'multiple_choice'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const REGISTRATION_STATUSES = [
  'pending_approval',
  'confirmed',
  'waitlisted',
  'cancelled',
  'rejected',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const MAX_SESSIONS = 60;
export const MAX_QUESTIONS = 30;
export const MAX_CAPACITY = 100_000;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface VenueView {
  id: string;
  organizationId: string;
  name: string;
  address: string | null;
  capacity: number | null;
}

export interface CreateVenueRequest {
  name: string;
  address?: string | null;
  capacity?: number | null;
}

export interface EventSessionInput {
  /** Keep the id of an existing session when editing (check-ins stay attached to it). */
  id?: string;
  startsAt: string;
  endsAt: string;
  title?: string | null;
}

export interface EventSessionView {
  id: string;
  startsAt: string;
  endsAt: string;
  title: string | null;
}

export interface QuestionInput {
  /** Keep the id of an existing question when editing, so earlier answers stay attached. */
  id?: string;
  label: string;
  kind: QuestionKind;
  required?: boolean;
  /** Choices of single_choice / multiple_choice. */
  options?: string[];
}

export interface QuestionView {
  id: string;
  label: string;
  kind: QuestionKind;
  required: boolean;
  options: string[];
}

export interface CreateEventRequest {
  organizationId: string;
  type: EventType;
  title: string;
  description: string;
  venueId?: string | null;
  onlineUrl?: string | null;
  capacity: number;
  approvalRequired: boolean;
  waitlistEnabled: boolean;
  registrationOpensAt?: string | null;
  registrationClosesAt?: string | null;
  sessions: EventSessionInput[];
  questions?: QuestionInput[];
  /** Mentors (user ids) who speak or coach at the event. */
  speakerIds?: string[];
  /** Share of sessions (0–1] an attendee must attend to complete a training; default 0.75. */
  completionShare?: number;
  /**
   * When registrants are reminded, in minutes before each session starts: 0–3 values, each
   * REMINDER_OFFSET_MIN–REMINDER_OFFSET_MAX; default [1440, 120] (a day and two hours before).
   */
  reminderOffsetsMinutes?: number[];
}

export const REMINDER_OFFSET_MIN = 15;
export const REMINDER_OFFSET_MAX = 14 * 24 * 60;
export const MAX_REMINDER_OFFSETS = 3;
export const DEFAULT_REMINDER_OFFSETS = [1440, 120] as const;

export type UpdateEventRequest = Partial<Omit<CreateEventRequest, 'organizationId'>>;

export interface SpeakerView {
  id: string;
  displayName: string;
}

export interface EventSummary {
  id: string;
  organizationId: string;
  organizationName: string;
  /** The carrier's zone: sessions are shown and counted in it. */
  timeZone: string;
  type: EventType;
  title: string;
  status: EventStatus;
  /** Start of the first session and end of the last. */
  startsAt: string;
  endsAt: string;
  sessionCount: number;
  venue: VenueView | null;
  /** Held online (or partly): there is a meeting link. */
  online: boolean;
  /**
   * The meeting link, only for those who may join: confirmed registrants and the event's organizers
   * (null for everyone else, on every public page, list and feed).
   */
  onlineUrl: string | null;
  capacity: number;
  seatsTaken: number;
  seatsLeft: number;
  waitlistEnabled: boolean;
  approvalRequired: boolean;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  /** Registration is open now (published, inside the window, sessions ahead). */
  registrationOpen: boolean;
  /** The series the event belongs to (events repeated with POST /events/:id/series), else null. */
  seriesId: string | null;
  /** The cover picture (POST /events/:id/images, kind cover), path under the site; null without one. */
  coverUrl: string | null;
  /** The cover's thumbnail (a JPEG at most 480 px on its longest side) for lists; null without one. */
  coverThumbnailUrl: string | null;
}

export interface EventView extends EventSummary {
  description: string;
  sessions: EventSessionView[];
  questions: QuestionView[];
  speakers: SpeakerView[];
  waitlistCount: number;
  completionShare: number;
  /** Reminder times in minutes before each session, largest first (see CreateEventRequest). */
  reminderOffsetsMinutes: number[];
  /** The caller's own registration, when signed in and registered. */
  myRegistration: RegistrationView | null;
  /** The caller organizes this event's carrier (or is an admin). */
  canManage: boolean;
  /**
   * Carriers co-hosting this event (their organizers and door staff work its door and read its
   * attendance). Told to the host's organizers, co-hosts' organizers and admins; others get [].
   */
  coHosts: CoHostView[];
  /** The caller may work this event's door: host or co-host organizer, door staff of either, admin. */
  canCheckIn: boolean;
  /** The cover with its id and thumbnail (coverUrl is its url); null without one. */
  cover: EventImageView | null;
  /** The event's photos, oldest first. */
  photos: EventImageView[];
}

/** A carrier co-hosting an event (POST /events/:id/co-hosts). */
export interface CoHostView {
  organizationId: string;
  name: string;
  since: string;
}

export interface AddCoHostRequest {
  organizationId: string;
}

/** The public list's page (the web app's cards, and the first page the server renders into GET /events). */
export const PUBLIC_EVENTS_PAGE_SIZE = 12;

export interface EventListQuery {
  from?: string;
  to?: string;
  type?: EventType;
  organizationId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** Organizers' list: every status of the carriers they organize. */
export interface ManagedEventListQuery extends EventListQuery {
  status?: EventStatus;
}

export type Answers = Record<string, string | string[]>;

export interface RegisterRequest {
  /** Keyed by question id: a string, or a list for multiple_choice. */
  answers?: Answers;
}

export interface RegistrationView {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  /** Shown as a QR code at the door; only for confirmed registrations. */
  ticketCode: string | null;
  /** 8 characters to read out at the door instead (unique per event); only for confirmed registrations. */
  shortCode: string | null;
  /** 1 = next in line; only while waitlisted. */
  waitlistPosition: number | null;
  answers: Answers;
  createdAt: string;
}

export interface MyRegistrationView extends RegistrationView {
  /** Sessions of the event this registration was checked in to (after the event: attended or no-show). */
  attendedSessions: number;
  event: EventSummary & { sessions: EventSessionView[] };
}

export interface RegistrantView extends RegistrationView {
  user: {
    id: string;
    displayName: string;
    /** null for an account made by phone sign-in without an email. */
    email: string | null;
    phone: string | null;
    companyName: string | null;
  };
}

/** How often a series repeats its event: every week, every two weeks, every calendar month. */
export const SERIES_RHYTHMS = ['week', '2weeks', 'month'] as const;
export type SeriesRhythm = (typeof SERIES_RHYTHMS)[number];
/** How many new drafts one series request makes. */
export const SERIES_MIN_COUNT = 2;
export const SERIES_MAX_COUNT = 52;

/** A copy of an event as a new draft whose first session starts at `startsAt`. */
export interface DuplicateEventRequest {
  startsAt: string;
}

/** `count` new drafts after the event, each `every` later than the one before. */
export interface CreateSeriesRequest {
  every: SeriesRhythm;
  count: number;
}

/** The events of a series, soonest first. */
export interface SeriesView {
  seriesId: string;
  items: EventSummary[];
}

/** Mentors, their office hours and bookings (docs/api.md, "Mentors and office hours"). */

export const MENTOR_CATEGORIES = [
  'professor',
  'entrepreneur',
  'banker',
  'investor',
  'lawyer',
  'accountant',
  'other',
] as const;
export type MentorCategory = (typeof MENTOR_CATEGORIES)[number];

/** Suggested expertise tags; mentors may add their own. */
export const EXPERTISE_TAGS = [
  'financing',
  'tax',
  'legal',
  'hr',
  'technology',
  'marketing',
  'policy',
  'strategy',
  'accounting',
  'ip',
  'manufacturing',
  'ecommerce',
] as const;

export type ExpertiseTag = (typeof EXPERTISE_TAGS)[number];

type Words = { 'zh-CN': string; en: string };

/** The one name of each mentor category, for the app and the API's search. */
export const MENTOR_CATEGORY_NAMES: Record<MentorCategory, Words & { also?: string[] }> = {
  professor: { 'zh-CN': '高校教授', en: 'Professor', also: ['教授', '学者', 'academic', 'university'] },
  entrepreneur: { 'zh-CN': '企业家', en: 'Entrepreneur', also: ['创业者', 'founder'] },
  banker: { 'zh-CN': '银行', en: 'Banker', also: ['银行家', 'bank', '贷款', 'loan'] },
  investor: { 'zh-CN': '投资人', en: 'Investor', also: ['投资', 'VC', '风投', '天使'] },
  lawyer: { 'zh-CN': '律师', en: 'Lawyer', also: ['法律', 'law'] },
  accountant: { 'zh-CN': '会计师', en: 'Accountant', also: ['财务', 'CPA'] },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/**
 * The one name of each suggested expertise tag in both languages, and other words people search
 * for it by. Profiles store the tag; search and the profile editor read these names.
 */
export const EXPERTISE_NAMES: Record<ExpertiseTag, Words & { also?: string[] }> = {
  financing: {
    'zh-CN': '融资',
    en: 'Financing',
    also: ['finance', 'funding', '投融资', '募资', 'fundraising'],
  },
  tax: { 'zh-CN': '财税', en: 'Tax', also: ['税务', '税收', 'taxation'] },
  legal: { 'zh-CN': '法务', en: 'Legal', also: ['法律', 'law', '合同', 'contract'] },
  hr: { 'zh-CN': '人力资源', en: 'HR', also: ['人事', '招聘', 'human resources', 'hiring'] },
  technology: { 'zh-CN': '技术', en: 'Technology', also: ['科技', '研发', 'tech', 'R&D'] },
  marketing: { 'zh-CN': '市场营销', en: 'Marketing', also: ['营销', '市场', '品牌', 'brand', 'sales'] },
  policy: { 'zh-CN': '政策申报', en: 'Policy', also: ['政策', '项目申报', 'grants', 'subsidy'] },
  strategy: { 'zh-CN': '战略', en: 'Strategy', also: ['商业模式', 'business model'] },
  accounting: { 'zh-CN': '会计', en: 'Accounting', also: ['财务', '记账', 'bookkeeping', 'finance'] },
  ip: {
    'zh-CN': '知识产权',
    en: 'IP',
    also: ['专利', '商标', 'patent', 'trademark', 'intellectual property'],
  },
  manufacturing: {
    'zh-CN': '生产制造',
    en: 'Manufacturing',
    also: ['制造', '生产', '供应链', 'supply chain'],
  },
  ecommerce: { 'zh-CN': '电子商务', en: 'E-commerce', also: ['电商', 'ecommerce', 'online retail'] },
};

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** The built-in tag a mentor typed by its name in either language (融资, Financing, financing), else the text as typed. */
export function normalizeExpertise(typed: string): string {
  const text = fold(typed);
  for (const tag of EXPERTISE_TAGS) {
    const names = EXPERTISE_NAMES[tag];
    if (text === tag || text === fold(names['zh-CN']) || text === fold(names.en)) return tag;
  }
  return typed.trim().replace(/\s+/g, ' ');
}

/** Whether `words` (a name and its other words) match a search text: either contains the other. */
function wordsMatch(words: Words & { also?: string[] }, code: string, query: string): boolean {
  const q = fold(query);
  if (!q) return false;
  return [code, words['zh-CN'], words.en, ...(words.also ?? [])].some((w) => {
    const f = fold(w);
    return f.includes(q) || (q.length >= 2 && q.includes(f) && f.length >= 2);
  });
}

/** The built-in tags and categories a search text names, in either language. */
export function searchTerms(query: string): { tags: ExpertiseTag[]; categories: MentorCategory[] } {
  return {
    tags: EXPERTISE_TAGS.filter((tag) => wordsMatch(EXPERTISE_NAMES[tag], tag, query)),
    categories: MENTOR_CATEGORIES.filter((c) => wordsMatch(MENTOR_CATEGORY_NAMES[c], c, query)),
  };
}

export const BOOKING_STATUSES = [
  'requested',
  'confirmed',
  'declined',
  'expired',
  'cancelled',
  'completed',
  'no_show',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** A mentor takes bookings at once (`instant`) or confirms each request first (`manual`). */
export const BOOKING_CONFIRMATIONS = ['instant', 'manual'] as const;
export type BookingConfirmation = (typeof BOOKING_CONFIRMATIONS)[number];
/** How long an unanswered request holds its slot by default; it lapses at the session's start at the latest. */
export const DEFAULT_REQUEST_TTL_HOURS = 48;
export const MAX_REQUEST_TTL_HOURS = 336;

/** A question a mentor asks founders when they book (stage, what they need, a link to materials). */
export interface IntakeQuestion {
  /** Stable within the mentor's questions; answers are keyed by it. */
  id: string;
  label: string;
  kind: IntakeQuestionKind;
  /** The choices of a `choice` question. */
  options?: string[];
  required: boolean;
}
export type IntakeQuestionInput = Omit<IntakeQuestion, 'id'> & { id?: string };
export const INTAKE_QUESTION_KINDS = ['text', 'choice', 'link'] as const;
export type IntakeQuestionKind = (typeof INTAKE_QUESTION_KINDS)[number];
export const MAX_INTAKE_QUESTIONS = 5;
export const MAX_INTAKE_ANSWER_LENGTH = 1000;

/** An answer as kept with the booking: the question's words at the time of booking travel with it. */
export interface IntakeAnswerView {
  questionId: string;
  label: string;
  answer: string;
}

/** Defaults of docs/api.md. */
export const OFFICE_HOURS_DEFAULTS = {
  minNoticeHours: 12,
  maxPerDay: null as number | null,
  horizonWeeks: 8,
  maxFuturePerFounder: 2,
  bufferMinutes: 0,
  holidaysOff: true,
};

export const MAX_RULES = 50;
export const MAX_OVERRIDES = 400;
/** The widest window GET /mentors/:id/slots answers for. */
export const MAX_SLOT_RANGE_DAYS = 62;

/** A weekly window in the mentor's zone. `weekday` is ISO (1 = Monday … 7 = Sunday); times are "HH:MM", end may be "24:00". */
export interface WeeklyRule {
  weekday: number;
  start: string;
  end: string;
  slotMinutes: number;
  bufferMinutes?: number;
}

/**
 * One date in the mentor's zone: a day off (`unavailable`), or different hours (`start`/`end`, slot
 * length and buffer default to that weekday's first rule, else 60/0). Several overrides of one date
 * give several windows that replace the weekly rules of that date.
 */
export interface DateOverride {
  date: string;
  unavailable?: boolean;
  start?: string;
  end?: string;
  slotMinutes?: number;
  bufferMinutes?: number;
}

export interface AvailabilityRequest {
  timeZone: string;
  rules: WeeklyRule[];
  overrides: DateOverride[];
  minNoticeHours?: number;
  /** null: unlimited. */
  maxPerDay?: number | null;
  horizonWeeks?: number;
  maxFuturePerFounder?: number;
  /** Chinese public holidays off, 调休 make-up days on (default true). */
  holidaysOff?: boolean;
  /** A venue in words (room, address). */
  location?: string | null;
  onlineUrl?: string | null;
  /** Confirm each request first (`manual`) or take bookings at once (`instant`, the default). */
  confirmation?: BookingConfirmation;
  /** An unanswered request lapses after this many hours (default 48, 1–336). */
  requestTtlHours?: number;
}

/** The settings as stored: every option filled in. */
export interface AvailabilityView {
  timeZone: string;
  rules: WeeklyRule[];
  overrides: DateOverride[];
  minNoticeHours: number;
  /** null: unlimited. */
  maxPerDay: number | null;
  horizonWeeks: number;
  maxFuturePerFounder: number;
  holidaysOff: boolean;
  location: string | null;
  onlineUrl: string | null;
  confirmation: BookingConfirmation;
  requestTtlHours: number;
}

/** A confirmed booking ahead that falls on a day the mentor has now taken off. */
export interface BookingOnDayOff {
  id: string;
  startsAt: string;
  endsAt: string;
  topic: string;
  founderName: string;
}

/** The saved settings, and the bookings ahead on the days now off (to cancel with a word to each founder). */
export interface AvailabilitySavedView extends AvailabilityView {
  bookingsOnDaysOff: BookingOnDayOff[];
}

export interface MentorProfileRequest {
  category: MentorCategory;
  title?: string | null;
  affiliation?: string | null;
  bio?: string | null;
  expertise?: string[];
  languages?: string[];
  photoUrl?: string | null;
  published?: boolean;
  /** Asked when founders book (at most 5); a question without an id is new. */
  intakeQuestions?: IntakeQuestionInput[];
}

export interface MentorSummary {
  /** The mentor's user id. */
  id: string;
  displayName: string;
  category: MentorCategory;
  title: string | null;
  affiliation: string | null;
  expertise: string[];
  languages: string[];
  photoUrl: string | null;
  published: boolean;
  timeZone: string;
}

export interface MentorView extends MentorSummary {
  bio: string | null;
  location: string | null;
  /** Office hours can be held online: the mentor keeps a meeting link. */
  online: boolean;
  /** The meeting link: for the mentor, organizers and admins; a booked founder finds it in the booking. */
  onlineUrl: string | null;
  minNoticeHours: number;
  horizonWeeks: number;
  /** `manual`: a booking is a request until the mentor accepts it. */
  confirmation: BookingConfirmation;
  /** Asked when booking; answers travel with the booking. */
  intakeQuestions: IntakeQuestion[];
  /** Present for the mentor themself, organizers and admins. */
  availability?: AvailabilityView;
  /** The caller may read this mentor's ledger. */
  canSeeLedger: boolean;
}

export interface MentorListQuery {
  category?: MentorCategory;
  expertise?: string;
  q?: string;
}

export interface SlotView {
  startsAt: string;
  endsAt: string;
}

/**
 * GET /mentors/:id/next-slot: the first free slot from a moment on (default now) within the
 * mentor's horizon, or null when nothing is free in it.
 */
export interface NextSlotView {
  slot: SlotView | null;
  /** How far ahead the mentor takes bookings, in weeks. */
  horizonWeeks: number;
}

export interface CreateBookingRequest {
  startsAt: string;
  topic: string;
  note?: string | null;
  /** Answers to the mentor's intake questions, by question id. */
  intakeAnswers?: Record<string, string>;
}

/** Who is to do an action agreed in a session. */
export const COACHING_ACTION_OWNERS = ['founder', 'mentor'] as const;
export type CoachingActionOwner = (typeof COACHING_ACTION_OWNERS)[number];
export const MAX_COACHING_ACTIONS = 20;
export const MAX_COACHING_TOPICS = 10;

export interface CoachingActionInput {
  /** Kept when the mentor edits the record, so a ticked action stays ticked. */
  id?: string;
  text: string;
  owner: CoachingActionOwner;
  /** YYYY-MM-DD. */
  due?: string | null;
}

/** PUT /bookings/:id/record: the mentor writes (or rewrites) the session's record. */
export interface CoachingRecordRequest {
  summary: string;
  topics?: string[];
  actions?: CoachingActionInput[];
  followUp?: string | null;
}

export interface CoachingActionView {
  id: string;
  text: string;
  owner: CoachingActionOwner;
  due: string | null;
  /** When it was ticked done (null: open). */
  doneAt: string | null;
}

export interface CoachingRecordView {
  summary: string;
  topics: string[];
  actions: CoachingActionView[];
  followUp: string | null;
  recordedAt: string;
  updatedAt: string;
}

/** A session of a carrier's mentoring, with its record or without one (GET /organizations/:id/coaching-records). */
export interface CoachingRecordRow {
  bookingId: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  topic: string;
  mentor: { id: string; displayName: string };
  founder: { id: string; displayName: string; companyName: string | null };
  record: CoachingRecordView | null;
}

export interface CoachingRecordsView {
  organizationId: string;
  from: string;
  to: string;
  /** Completed sessions in [from, to) with their records, by start. */
  items: CoachingRecordRow[];
  /** How many of them have no record yet. */
  missing: number;
}

export interface RescheduleBookingRequest {
  /** The start of another free slot of the same mentor. */
  startsAt: string;
}

export interface DeclineBookingRequest {
  reason?: string | null;
}

export interface BookingPartyView {
  id: string;
  displayName: string;
  email?: string;
  companyName?: string | null;
}

export interface BookingView {
  id: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  topic: string;
  note: string | null;
  /** The mentor's zone. */
  timeZone: string;
  location: string | null;
  onlineUrl: string | null;
  mentor: BookingPartyView;
  founder: BookingPartyView;
  /** The caller's side of this booking (`organizer`: an organizer of its carrier, or an admin, reading it). */
  myRole: 'founder' | 'mentor' | 'organizer';
  rating: number | null;
  feedbackComment: string | null;
  cancelledAt: string | null;
  /** When the mentor marked the session completed or a no-show. */
  markedAt: string | null;
  /** The mentor's note with a no-show mark (required when marked before the session's end). */
  noShowNote: string | null;
  /** The founder's contest of a no-show mark and an organizer's decision on it. */
  contest: BookingContestView | null;
  /** A request lapses then unless the mentor answers (null once answered, or for instant bookings). */
  requestExpiresAt: string | null;
  /** When the mentor accepted or declined the request. */
  decidedAt: string | null;
  declineReason: string | null;
  /** The founder's answers to the mentor's intake questions. */
  intake: IntakeAnswerView[];
  /** The last time either side moved the booking (null: never moved). */
  rescheduledAt: string | null;
  /** The mentor's coaching record, once written: read by both sides and the carrier's organizers. */
  record: CoachingRecordView | null;
  createdAt: string;
}

/** A founder's contest of a no-show mark; an organizer of the booking's carrier (or an admin) decides. */
export interface BookingContestView {
  reason: string;
  contestedAt: string;
  /** null while open; `overturned` removed the mark (and any suspension it caused). */
  decision: NoShowContestDecision | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export const NO_SHOW_CONTEST_DECISIONS = ['upheld', 'overturned'] as const;
export type NoShowContestDecision = (typeof NO_SHOW_CONTEST_DECISIONS)[number];

/** A mentor marks a no-show after the session's end, or from 15 minutes after its start with a note. */
export const NO_SHOW_EARLIEST_MINUTES = 15;

export interface NoShowRequest {
  note?: string | null;
}

export interface ContestNoShowRequest {
  reason: string;
}

export interface DecideContestRequest {
  decision: 'uphold' | 'overturn';
  note?: string | null;
}

/** A contested no-show as the organizers deciding it see it. */
export interface NoShowContestView {
  bookingId: string;
  /** The carrier whose organizers decide (null: only admins). */
  organizationId: string | null;
  startsAt: string;
  endsAt: string;
  topic: string;
  timeZone: string;
  mentor: { id: string; displayName: string };
  founder: { id: string; displayName: string; companyName: string | null };
  markedAt: string;
  noShowNote: string | null;
  reason: string;
  contestedAt: string;
  decision: NoShowContestDecision | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface FeedbackRequest {
  rating: number;
  comment?: string | null;
}

export interface CancelBookingRequest {
  reason?: string | null;
}

export interface MentorInvitationRequest {
  email: string;
}

export interface AcceptInvitationRequest {
  token: string;
}

export interface LedgerMonth {
  /** 1–12 in the mentor's zone. */
  month: number;
  sessions: number;
  hours: number;
  noShows: number;
  averageRating: number | null;
  ratings: number;
}

export interface LedgerView {
  mentorId: string;
  displayName: string;
  year: number;
  timeZone: string;
  months: LedgerMonth[];
  total: Omit<LedgerMonth, 'month'>;
}

export interface BookingSuspensionView {
  founderId: string;
  suspendedUntil: string | null;
}

/** A founder whose no-shows keep them from booking now (GET /booking-suspensions). */
export interface SuspendedFounderView {
  founderId: string;
  displayName: string;
  companyName: string | null;
  suspendedUntil: string;
  /** No-shows not excused, everywhere. */
  noShows: number;
  /** The latest of those no-shows. */
  lastNoShowAt: string;
}

export interface CalendarTokenView {
  url: string;
}

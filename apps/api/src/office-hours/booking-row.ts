import type {
  CoachingActionOwner,
  CoachingRecordView,
  IntakeAnswerView,
  BookingContestView,
  BookingStatus,
  BookingView,
  Locale,
  NoShowContestDecision,
} from '@wutong/shared';

/** A booking with both sides, as one query reads it (see BOOKING_SELECT). */
export interface BookingRow {
  id: string;
  mentor_id: string;
  founder_id: string;
  organization_id: string | null;
  starts_at: Date;
  ends_at: Date;
  status: BookingStatus;
  topic: string;
  note: string | null;
  time_zone: string;
  location: string | null;
  online_url: string | null;
  sequence: number;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  rating: number | null;
  feedback_comment: string | null;
  marked_at: Date | null;
  no_show_note: string | null;
  contest_reason: string | null;
  contested_at: Date | null;
  contest_decision: NoShowContestDecision | null;
  contest_decided_at: Date | null;
  contest_decision_note: string | null;
  request_expires_at: Date | null;
  decided_at: Date | null;
  decline_reason: string | null;
  intake_answers: IntakeAnswerView[];
  rescheduled_at: Date | null;
  record_summary: string | null;
  record_topics: string[];
  record_actions: StoredAction[];
  record_follow_up: string | null;
  recorded_at: Date | null;
  record_updated_at: Date | null;
  created_at: Date;
  mentor_name: string;
  mentor_email: string;
  mentor_locale: Locale;
  mentor_time_zone: string;
  founder_name: string;
  founder_email: string;
  founder_locale: Locale;
  founder_time_zone: string;
  company_name: string | null;
}

/** The columns of a BookingRow over a booking `b` and its sides `m`, `f`, `c` (BOOKING_SIDES). */
export const BOOKING_COLUMNS = `b.id, b.mentor_id, b.founder_id, b.organization_id, b.starts_at, b.ends_at, b.status, b.topic, b.note,
         b.time_zone, b.location, b.online_url, b.sequence, b.cancelled_at, b.cancelled_by, b.cancel_reason,
         b.rating, b.feedback_comment, b.marked_at, b.no_show_note, b.contest_reason, b.contested_at,
         b.contest_decision, b.contest_decided_at, b.contest_decision_note, b.created_at,
         b.request_expires_at, b.decided_at, b.decline_reason, b.intake_answers, b.rescheduled_at,
         b.record_summary, b.record_topics, b.record_actions, b.record_follow_up, b.recorded_at, b.record_updated_at,
         m.display_name AS mentor_name, m.email AS mentor_email, m.locale AS mentor_locale, m.time_zone AS mentor_time_zone,
         f.display_name AS founder_name, f.email AS founder_email, f.locale AS founder_locale, f.time_zone AS founder_time_zone,
         c.name AS company_name`;

/** The joins of BOOKING_COLUMNS' sides onto a booking `b`. */
export const BOOKING_SIDES = `JOIN users m ON m.id = b.mentor_id
    JOIN users f ON f.id = b.founder_id
    LEFT JOIN companies c ON c.id = f.company_id`;

export const BOOKING_SELECT = `
  SELECT ${BOOKING_COLUMNS}
    FROM bookings b
    ${BOOKING_SIDES}`;

/** An action as the record keeps it (jsonb). */
export interface StoredAction {
  id: string;
  text: string;
  owner: CoachingActionOwner;
  due: string | null;
  doneAt: string | null;
}

export function recordView(
  r: Pick<
    BookingRow,
    | 'record_summary'
    | 'record_topics'
    | 'record_actions'
    | 'record_follow_up'
    | 'recorded_at'
    | 'record_updated_at'
  >,
): CoachingRecordView | null {
  if (r.record_summary === null || !r.recorded_at) return null;
  return {
    summary: r.record_summary,
    topics: r.record_topics,
    actions: r.record_actions,
    followUp: r.record_follow_up,
    recordedAt: r.recorded_at.toISOString(),
    updatedAt: (r.record_updated_at ?? r.recorded_at).toISOString(),
  };
}

/** The booking as `callerId` sees it: a side of it, or (neither side) an organizer of its carrier. */
export function bookingView(r: BookingRow, callerId: string): BookingView {
  const myRole = r.mentor_id === callerId ? 'mentor' : r.founder_id === callerId ? 'founder' : 'organizer';
  return {
    id: r.id,
    status: r.status,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    topic: r.topic,
    note: r.note,
    timeZone: r.time_zone,
    location: r.location,
    onlineUrl: r.online_url,
    mentor: {
      id: r.mentor_id,
      displayName: r.mentor_name,
      ...(myRole === 'founder' && { email: r.mentor_email }),
    },
    founder: {
      id: r.founder_id,
      displayName: r.founder_name,
      companyName: r.company_name,
      ...(myRole === 'mentor' && { email: r.founder_email }),
    },
    myRole,
    rating: r.rating,
    feedbackComment: r.feedback_comment,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    markedAt: r.marked_at?.toISOString() ?? null,
    noShowNote: r.no_show_note,
    contest: contestView(r),
    requestExpiresAt: r.status === 'requested' ? (r.request_expires_at?.toISOString() ?? null) : null,
    decidedAt: r.decided_at?.toISOString() ?? null,
    declineReason: r.decline_reason,
    intake: r.intake_answers,
    rescheduledAt: r.rescheduled_at?.toISOString() ?? null,
    record: recordView(r),
    createdAt: r.created_at.toISOString(),
  };
}

export function contestView(
  r: Pick<
    BookingRow,
    'contest_reason' | 'contested_at' | 'contest_decision' | 'contest_decided_at' | 'contest_decision_note'
  >,
): BookingContestView | null {
  if (!r.contested_at || r.contest_reason === null) return null;
  return {
    reason: r.contest_reason,
    contestedAt: r.contested_at.toISOString(),
    decision: r.contest_decision,
    decidedAt: r.contest_decided_at?.toISOString() ?? null,
    decisionNote: r.contest_decision_note,
  };
}

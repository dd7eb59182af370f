import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  MAX_INTAKE_ANSWER_LENGTH,
  MAX_SLOT_RANGE_DAYS,
  addDays,
  computeSlots,
  localDate,
  wallClockToUtc,
  type FieldError,
  type IntakeAnswerView,
  type IntakeQuestion,
  type BookingView,
  type NextSlotView,
  type SlotView,
} from '@wutong/shared';
import type { Principal } from '../common/auth/principal';
import { namedQuery } from '../common/database/named-query';
import { PG, pgError, retryOnDeadlock } from '../common/database/pg-errors';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { MENTOR_PROFILE_COLUMNS, type MentorProfile } from '../mentors/mentor-profile.record';
import { CHINESE_HOLIDAYS } from '../mentors/holidays';
import { MentorsService } from '../mentors/mentors.service';
import { mentorCarrier } from '../mentors/mentor-carrier';
import { linkBookingStatement } from '../mentoring-requests/mentoring-requests.service';
import { BookingMails, firstMailsStatement, textToSql } from './booking-mails';
import { BOOKING_COLUMNS, BOOKING_SELECT, BOOKING_SIDES, bookingView, type BookingRow } from './booking-row';
import type { CreateBookingDto } from './dto/booking.dto';

const DAY = 24 * 3600 * 1000;

/** Bookings that hold their time: an open request holds its slot until answered or lapsed. */
const ACTIVE = `('requested','confirmed','completed','no_show')`;
/** Upcoming bookings that count toward a founder's limits: requests as well as confirmed ones. */
const OPEN = `('requested','confirmed')`;

/** When the no-show suspension of founder `$1` ends (past or null when not suspended): an expression. */
const SUSPENDED_UNTIL = `(SELECT max(b.marked_at) + interval '30 days'
    FROM bookings b
   WHERE b.founder_id = $1 AND b.status = 'no_show' AND NOT b.no_show_excused
     AND EXISTS (SELECT 1 FROM bookings o
                  WHERE o.founder_id = b.founder_id AND o.id <> b.id AND o.status = 'no_show'
                    AND NOT o.no_show_excused
                    AND o.starts_at BETWEEN b.starts_at - interval '90 days' AND b.starts_at))`;

/**
 * Upcoming bookings one founder may hold with all mentors together: a verified account cannot
 * hoard office hours (docs/security.md, "Outside attack, second round", point 5).
 */
export const OPEN_BOOKINGS_PER_FOUNDER = 5;

/**
 * The carrier a booking of mentor $1 belongs to (mentorCarrier). Its organizers judge the booking's
 * no-shows and contests; without one, admins do.
 */
const BOOKING_CARRIER = mentorCarrier('$1');

/** A new booking as BOOK_SQL answers it: the row, and who gets the confirmation by text. */
type NewBookingRow = BookingRow & { founder_text_to: string | null; mentor_text_to: string | null };

/**
 * A new booking in one statement: the row (a request when the mentor confirms first, $12), the
 * founder's need it matches (linkBookingStatement), its first mails as small outbox rows
 * (firstMailsStatement), and the row with both sides as the answer shows it. The exclusion
 * constraint refuses an overlapping slot here.
 */
const BOOK_SQL = `WITH ins AS (
  INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, topic, note, time_zone,
                        location, online_url, idempotency_key, intake_answers, status, request_expires_at)
  VALUES ($1, $2, ${BOOKING_CARRIER}, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb,
          CASE WHEN $12 THEN 'requested' ELSE 'confirmed' END,
          CASE WHEN $12 THEN least(now() + make_interval(hours => $13), $3::timestamptz) END)
  RETURNING *
), link AS (
  ${linkBookingStatement({ id: '(SELECT id FROM ins)', founderId: '$2', mentorId: '$1', startsAt: '$3::timestamptz' })}
), mail AS (
  ${firstMailsStatement('ins', '$12')}
)
SELECT ${BOOKING_COLUMNS},
       CASE WHEN NOT $12 THEN ${textToSql('b.founder_id')} END AS founder_text_to,
       CASE WHEN NOT $12 THEN ${textToSql('b.mentor_id')} END AS mentor_text_to
  FROM ins b
  ${BOOKING_SIDES}`;

const openLimit = () =>
  new DomainException(
    'OPEN_BOOKINGS_LIMIT',
    { max: OPEN_BOOKINGS_PER_FOUNDER },
    { max: OPEN_BOOKINGS_PER_FOUNDER },
  );
const mentorLimit = (profile: MentorProfile) =>
  new DomainException(
    'BOOKING_LIMIT',
    { max: profile.maxFuturePerFounder },
    { max: profile.maxFuturePerFounder },
  );

/**
 * The founder's answers to the mentor's intake questions, checked and kept with each question's
 * words: required ones answered, a choice among the options, a link that is a web address.
 */
export function intakeAnswers(
  questions: IntakeQuestion[],
  given: Record<string, string>,
): IntakeAnswerView[] {
  const problems: FieldError[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(given))
    if (!known.has(id))
      problems.push(fieldError(`intakeAnswers.${id}`, 'unknown', 'not one of the mentor’s questions'));
  const answers: IntakeAnswerView[] = [];
  for (const q of questions) {
    const raw = given[q.id];
    const answer = typeof raw === 'string' ? raw.trim() : '';
    const field = `intakeAnswers.${q.id}`;
    if (raw !== undefined && typeof raw !== 'string')
      problems.push(fieldError(field, 'isString', 'must be text'));
    else if (!answer) {
      if (q.required) problems.push(fieldError(field, 'required', `“${q.label}” needs an answer`));
      continue;
    } else if (answer.length > MAX_INTAKE_ANSWER_LENGTH)
      problems.push(fieldError(field, 'maxLength', `at most ${MAX_INTAKE_ANSWER_LENGTH} characters`));
    else if (q.kind === 'choice' && !q.options?.includes(answer))
      problems.push(fieldError(field, 'isIn', 'must be one of the choices'));
    else if (q.kind === 'link' && !/^https?:\/\/[^\s]+$/i.test(answer))
      problems.push(fieldError(field, 'isUrl', 'must be a web address (http or https)'));
    else answers.push({ questionId: q.id, label: q.label, answer });
  }
  if (problems.length > 0) throw new DomainException('VALIDATION_FAILED', problems);
  return answers;
}

/** Free slots and booking them: the hot path that must never double-book. */
@Injectable()
export class OfficeHoursService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mentors: MentorsService,
    private readonly mails: BookingMails,
  ) {}

  async slots(
    caller: Principal | undefined,
    mentorId: string,
    fromRaw?: string,
    toRaw?: string,
  ): Promise<SlotView[]> {
    const now = new Date();
    const from = fromRaw ? new Date(fromRaw) : now;
    const to = toRaw ? new Date(toRaw) : new Date(from.getTime() + 14 * DAY);
    if (!(to > from))
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('to', 'fromBeforeTo', 'to must be after from'),
      ]);
    if (to.getTime() - from.getTime() > MAX_SLOT_RANGE_DAYS * DAY)
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('to', 'rangeTooLong', `to must be at most ${MAX_SLOT_RANGE_DAYS} days after from`),
      ]);
    const profile = await this.visibleSettings(caller, mentorId);
    const bookings = await this.activeBookings(this.dataSource.manager, mentorId, from, to);
    return this.compute(profile, bookings, now, from, to);
  }

  /**
   * The first free slot starting at or after `fromRaw` (default now) within the mentor's horizon,
   * or null when nothing is free there: the mentor page opens on its week instead of an empty one.
   * Searched window by window, so a mentor with nothing free costs a horizon of computation.
   */
  async nextSlot(caller: Principal | undefined, mentorId: string, fromRaw?: string): Promise<NextSlotView> {
    const now = new Date();
    const start = fromRaw ? new Date(Math.max(Date.parse(fromRaw), now.getTime())) : now;
    const profile = await this.visibleSettings(caller, mentorId);
    const horizonEnd = now.getTime() + profile.horizonWeeks * 7 * DAY;
    for (let from = start.getTime(); from < horizonEnd; from += MAX_SLOT_RANGE_DAYS * DAY) {
      const to = Math.min(from + MAX_SLOT_RANGE_DAYS * DAY, horizonEnd);
      const bookings = await this.activeBookings(
        this.dataSource.manager,
        mentorId,
        new Date(from),
        new Date(to),
      );
      const [first] = this.compute(profile, bookings, now, new Date(from), new Date(to));
      if (first) return { slot: first, horizonWeeks: profile.horizonWeeks };
    }
    return { slot: null, horizonWeeks: profile.horizonWeeks };
  }

  /** The mentor's settings, if the caller may see them: published, or the mentor, or staff. */
  private async visibleSettings(caller: Principal | undefined, mentorId: string): Promise<MentorProfile> {
    const profile = await this.mentors.settings(mentorId);
    const visible =
      profile &&
      (profile.published ||
        caller?.userId === mentorId ||
        caller?.roles.some((r) => r === 'admin' || r === 'organizer'));
    if (!profile || !visible) throw notFound();
    return profile;
  }

  /**
   * Books a slot. Nothing locks the mentor: bookings of one mentor run in parallel, the exclusion
   * constraint arbitrates overlapping slots, and the limits are checked twice — first on what is
   * committed (for the right refusal), then once more as the transaction's last statement under
   * short advisory locks of the founder and of the mentor's day (`confirmLimits`).
   * With an Idempotency-Key a retry returns the first booking (created: false).
   */
  async book(
    caller: Principal,
    mentorId: string,
    dto: CreateBookingDto,
    idempotencyKey?: string,
  ): Promise<{ booking: BookingView; created: boolean }> {
    if (caller.userId === mentorId) throw new DomainException('OWN_OFFICE_HOURS');
    const key = idempotencyKey?.trim() || null;
    if (key && key.length > 200)
      throw new DomainException('VALIDATION_FAILED', [
        fieldError(
          'Idempotency-Key',
          'maxLength',
          'Idempotency-Key must be shorter than or equal to 200 characters',
        ),
      ]);
    const replay = key ? await this.byKey(this.dataSource.manager, caller.userId, key) : null;
    if (replay) return { booking: bookingView(replay, caller.userId), created: false };
    const start = new Date(dto.startsAt);
    try {
      const id = await retryOnDeadlock(() =>
        this.dataSource.transaction(async (m) => {
          const { profile, around } = await this.bookingContext(m, mentorId, start);
          if (!profile || !profile.published) throw notFound();
          if (key) {
            const again = await this.byKey(m, caller.userId, key);
            if (again) return { replayed: again, created: null };
          }
          await this.checkFounder(m, caller.userId, profile);
          const intake = intakeAnswers(profile.intakeQuestions, dto.intakeAnswers ?? {});
          const now = new Date();
          const from = new Date(start.getTime());
          const to = new Date(start.getTime() + DAY);
          const slot = this.compute(profile, around, now, from, to).find(
            (s) => Date.parse(s.startsAt) === start.getTime(),
          );
          if (!slot) throw new DomainException('SLOT_UNAVAILABLE');
          // The booking, the need it matches, its first mails (small rows the outbox worker renders)
          // and the row as the answer shows it, in one statement.
          const [row] = await namedQuery<NewBookingRow>(m, 'book', BOOK_SQL, [
            mentorId,
            caller.userId,
            slot.startsAt,
            slot.endsAt,
            dto.topic.trim(),
            dto.note?.trim() || null,
            profile.timeZone,
            profile.location,
            profile.onlineUrl,
            key,
            JSON.stringify(intake),
            profile.confirmation === 'manual',
            profile.requestTtlHours,
          ]);
          if (profile.confirmation !== 'manual') await this.mails.firstTexts(m, row);
          await this.confirmLimits(m, profile, start, caller.userId);
          return { replayed: null, created: row };
        }),
      );
      if (id.replayed) return { booking: bookingView(id.replayed, caller.userId), created: false };
      return { booking: bookingView(id.created, caller.userId), created: true };
    } catch (error) {
      const pg = pgError(error);
      // A retry racing its first attempt fails however the first's commit reaches it: on the first's
      // row (same key, same slot), or on a limit the first booking now fills (it read the key before
      // the first committed, and the founder's count after). Either way it answers with the first.
      if (key) {
        const first = await this.byKey(this.dataSource.manager, caller.userId, key);
        if (first) return { booking: bookingView(first, caller.userId), created: false };
      }
      if (pg?.code === PG.exclusionViolation) throw new DomainException('SLOT_UNAVAILABLE');
      throw error;
    }
  }

  /**
   * Either side moves an open request or a confirmed booking, before it starts, to another free slot
   * of the same mentor: the same row takes the new time, so the old slot is free in the same
   * statement. Decided like a new booking (notice, horizon, daily maximum apply; the booking itself
   * does not count against its new day; the new day's maximum is confirmed last under that day's
   * lock); the exclusion constraint stays the last word. The calendar invite is updated in place
   * (same UID, higher SEQUENCE).
   */
  async reschedule(caller: Principal, id: string, startsAtRaw: string): Promise<BookingView> {
    const start = new Date(startsAtRaw);
    try {
      await retryOnDeadlock(() =>
        this.dataSource.transaction(async (m) => {
          const [sides]: { mentor_id: string }[] = await m.query(
            `SELECT mentor_id FROM bookings WHERE id = $1 AND (founder_id = $2 OR mentor_id = $2)`,
            [id, caller.userId],
          );
          if (!sides) throw notFound();
          const profile = await this.mentors.settings(sides.mentor_id, m);
          // Read again under the booking's row lock: a cancellation or another move may have landed meanwhile.
          const [b]: { status: string; starts_at: Date; ends_at: Date; upcoming: boolean }[] = await m.query(
            `SELECT status, starts_at, ends_at, starts_at > now() AS upcoming FROM bookings WHERE id = $1 FOR UPDATE`,
            [id],
          );
          if (!['requested', 'confirmed'].includes(b.status) || !b.upcoming)
            throw new DomainException('BOOKING_NOT_ACTIVE');
          if (b.starts_at.getTime() === start.getTime()) return;
          if (!profile) throw new DomainException('SLOT_UNAVAILABLE');
          const around = await this.activeBookings(
            m,
            sides.mentor_id,
            new Date(start.getTime() - 2 * DAY),
            new Date(start.getTime() + 2 * DAY),
            id,
          );
          const slot = this.compute(profile, around, new Date(), start, new Date(start.getTime() + DAY)).find(
            (s) => Date.parse(s.startsAt) === start.getTime(),
          );
          if (!slot) throw new DomainException('SLOT_UNAVAILABLE');
          await this.lockSlot(m, sides.mentor_id, slot.startsAt);
          await m.query(
            `UPDATE bookings SET starts_at = $2, ends_at = $3, sequence = sequence + 1, rescheduled_at = now(),
                  reminded_24h_at = NULL, reminded_1h_at = NULL, updated_at = now(),
                  request_expires_at = CASE WHEN status = 'requested' THEN least(request_expires_at, $2::timestamptz) END
            WHERE id = $1`,
            [id, slot.startsAt, slot.endsAt],
          );
          await this.mails.rescheduled(m, id, caller.userId, b.starts_at, b.ends_at);
          await this.confirmLimits(m, profile, start, null);
        }),
      );
    } catch (error) {
      if (pgError(error)?.code === PG.exclusionViolation) throw new DomainException('SLOT_UNAVAILABLE');
      throw error;
    }
    const [row]: BookingRow[] = await this.dataSource.query(`${BOOKING_SELECT} WHERE b.id = $1`, [id]);
    return bookingView(row, caller.userId);
  }

  /**
   * What booking the slot starting at `start` needs to know of the mentor, in one statement: the
   * settings (null: not a mentor), the active bookings two days either side (as activeBookings), and
   * the slot's turn (lockSlot's lock, same key), taken here so that the slot is never decided without
   * it. The read's snapshot may miss a booker of the same slot who committed while this one waited
   * for the lock: its INSERT then meets that row in the exclusion constraint (409 SLOT_UNAVAILABLE).
   */
  private async bookingContext(
    m: EntityManager,
    mentorId: string,
    start: Date,
  ): Promise<{ profile: MentorProfile | null; around: { startsAt: Date; endsAt: Date }[] }> {
    const valid = !Number.isNaN(start.getTime());
    const [row] = await namedQuery<MentorProfile & { around: [number, number][] }>(
      m,
      'booking-context',
      `SELECT ${MENTOR_PROFILE_COLUMNS},
              (SELECT coalesce(json_agg(json_build_array(extract(epoch FROM b.starts_at) * 1000,
                                                         extract(epoch FROM b.ends_at) * 1000)), '[]')
                 FROM bookings b
                WHERE b.mentor_id = $1 AND b.status IN ${ACTIVE}
                  AND b.starts_at < $2::timestamptz + interval '3 days'
                  AND b.ends_at > $2::timestamptz - interval '3 days') AS around,
              pg_advisory_xact_lock(hashtext('wutong.mentor-slot'), hashtext($1 || ' ' || $3)) IS NULL AS locked
         FROM mentor_profiles p JOIN users u ON u.id = p.user_id
        WHERE p.user_id = $1 AND 'mentor' = ANY(u.roles)`,
      [mentorId, valid ? start.toISOString() : null, valid ? start.toISOString() : null],
    );
    if (!row) return { profile: null, around: [] };
    const { around, locked: _locked, ...profile } = row as typeof row & { locked: boolean };
    return {
      profile,
      around: around.map(([s, e]) => ({ startsAt: new Date(s), endsAt: new Date(e) })),
    };
  }

  /** When the founder's no-show suspension ends (null when not suspended). */
  async suspendedUntil(m: EntityManager, founderId: string): Promise<Date | null> {
    const [row]: { until: Date | null }[] = await m.query(`SELECT ${SUSPENDED_UNTIL} AS until`, [founderId]);
    return row?.until && row.until > new Date() ? row.until : null;
  }

  /**
   * The founder's limits on what is committed now, in one statement, so a refusal names the right
   * limit before the slot is looked at. Not the last word: see `confirmLimits`.
   */
  private async checkFounder(m: EntityManager, founderId: string, profile: MentorProfile): Promise<void> {
    const [counts] = await namedQuery<{ open: number; with_mentor: number; until: Date | null }>(
      m,
      'booking-founder-limits',
      `SELECT count(*)::int AS open, (count(*) FILTER (WHERE mentor_id = $2))::int AS with_mentor,
              ${SUSPENDED_UNTIL} AS until
         FROM bookings WHERE founder_id = $1 AND status IN ${OPEN} AND starts_at > now()`,
      [founderId, profile.userId],
    );
    if (counts.open >= OPEN_BOOKINGS_PER_FOUNDER) throw openLimit();
    const until = counts.until && counts.until > new Date() ? counts.until : null;
    if (until)
      throw new DomainException(
        'BOOKING_SUSPENDED',
        { suspendedUntil: until.toISOString() },
        {
          until: until.toISOString().slice(0, 10),
        },
      );
    if (counts.with_mentor >= profile.maxFuturePerFounder) throw mentorLimit(profile);
  }

  /**
   * The last statements of a booking's (or a move's) transaction, its row already written: take the
   * founder's advisory lock (new bookings) and the lock of the mentor's local day (when the mentor
   * has a daily maximum), then count again with this booking included. Each lock is held from here
   * to the commit only, and whoever takes it next sees every booking committed under it, so two
   * parallel bookings can never both pass a limit. The locks are always taken founder first, and
   * nobody waits for anything while holding them, so they cannot deadlock.
   */
  private async confirmLimits(
    m: EntityManager,
    profile: MentorProfile,
    start: Date,
    founderId: string | null,
  ): Promise<void> {
    const day = profile.maxPerDay != null ? localDate(profile.timeZone, start) : null;
    if (!founderId && !day) return;
    // pg_advisory_xact_lock is strict: a null key takes no lock.
    await namedQuery(
      m,
      'booking-limit-locks',
      `SELECT pg_advisory_xact_lock(hashtext('wutong.founder-bookings'), hashtext($1)),
              pg_advisory_xact_lock(hashtext('wutong.mentor-day'), hashtext($2 || ' ' || $3))`,
      [founderId, profile.userId, day],
    );
    // A new statement, so a new snapshot: it sees what the lock's previous holders committed.
    const [counts] = await namedQuery<{ open: number; with_mentor: number; that_day: number }>(
      m,
      'booking-limit-recount',
      `SELECT (SELECT count(*)::int FROM bookings
                WHERE founder_id = $1 AND status IN ${OPEN} AND starts_at > now()) AS open,
              (SELECT count(*)::int FROM bookings
                WHERE founder_id = $1 AND mentor_id = $2 AND status IN ${OPEN} AND starts_at > now()) AS with_mentor,
              (SELECT count(*)::int FROM bookings
                WHERE mentor_id = $2 AND status IN ${ACTIVE} AND starts_at >= $3 AND starts_at < $4) AS that_day`,
      [
        founderId,
        profile.userId,
        day && new Date(wallClockToUtc(profile.timeZone, day, 0)).toISOString(),
        day && new Date(wallClockToUtc(profile.timeZone, addDays(day, 1), 0)).toISOString(),
      ],
    );
    if (founderId && counts.open > OPEN_BOOKINGS_PER_FOUNDER) throw openLimit();
    if (founderId && counts.with_mentor > profile.maxFuturePerFounder) throw mentorLimit(profile);
    if (day && counts.that_day > profile.maxPerDay!) throw new DomainException('SLOT_UNAVAILABLE');
  }

  /**
   * Bookers of one slot take turns from here to their commit. Without it, two transactions that
   * inserted the same slot each find the other's uncommitted row in the exclusion check, wait for
   * each other and one dies of a deadlock (a 500) instead of a 409. The next in turn sees the
   * winner committed and gets the exclusion violation (409 SLOT_UNAVAILABLE). Different slots,
   * other mentors and other days never wait on it.
   */
  private async lockSlot(m: EntityManager, mentorId: string, startsAt: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('wutong.mentor-slot'), hashtext($1 || ' ' || $2))`, [
      mentorId,
      startsAt,
    ]);
  }

  private compute(
    profile: MentorProfile,
    bookings: { startsAt: Date; endsAt: Date }[],
    now: Date,
    from: Date,
    to: Date,
  ): SlotView[] {
    return computeSlots({
      timeZone: profile.timeZone,
      rules: profile.rules,
      overrides: profile.overrides,
      holidaysOff: profile.holidaysOff,
      holidays: CHINESE_HOLIDAYS,
      bookings,
      now,
      from,
      to,
      minNoticeHours: profile.minNoticeHours,
      maxPerDay: profile.maxPerDay,
      horizonWeeks: profile.horizonWeeks,
    });
  }

  /** Active bookings touching [from, to), widened by a day so daily maximums see the whole day. */
  private async activeBookings(
    m: EntityManager,
    mentorId: string,
    from: Date,
    to: Date,
    exceptId: string | null = null,
  ): Promise<{ startsAt: Date; endsAt: Date }[]> {
    const rows: { starts_at: Date; ends_at: Date }[] = await m.query(
      `SELECT starts_at, ends_at FROM bookings
        WHERE mentor_id = $1 AND status IN ${ACTIVE}
          AND starts_at < $3::timestamptz + interval '1 day' AND ends_at > $2::timestamptz - interval '1 day'
          AND id IS DISTINCT FROM $4`,
      [mentorId, from.toISOString(), to.toISOString(), exceptId],
    );
    return rows.map((r) => ({ startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  private async byKey(m: EntityManager, founderId: string, key: string): Promise<BookingRow | null> {
    const [row]: BookingRow[] = await m.query(
      `${BOOKING_SELECT} WHERE b.founder_id = $1 AND b.idempotency_key = $2`,
      [founderId, key],
    );
    return row ?? null;
  }
}

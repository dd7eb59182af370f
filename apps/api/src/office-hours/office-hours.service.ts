import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
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
import { namedQuery, namedStatement } from '../common/database/named-query';
import { PG, pgError, retryOnDeadlock } from '../common/database/pg-errors';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { MENTOR_PROFILE_COLUMNS, type MentorProfile } from '../mentors/mentor-profile.record';
import { CHINESE_HOLIDAYS } from '../mentors/holidays';
import { MentorsService } from '../mentors/mentors.service';
import { mentorCarrier } from '../mentors/mentor-carrier';
import { linkBookingStatement } from '../mentoring-requests/mentoring-requests.service';
import { BookingMails, firstMailsStatement, firstTextsStatement } from './booking-mails';
import { BOOKING_COLUMNS, BOOKING_SELECT, BOOKING_SIDES, bookingView, type BookingRow } from './booking-row';
import type { CreateBookingDto } from './dto/booking.dto';
import { MentorContexts, type MentorContext } from './mentor-contexts';

const DAY = 24 * 3600 * 1000;

/** Bookings that hold their time: an open request holds its slot until answered or lapsed. */
const ACTIVE = `('requested','confirmed','completed','no_show')`;
/**
 * Booking `b` (an alias) overlaps [from, to), SQL expressions: written as the exclusion constraint's
 * range, so with `status IN ACTIVE` it is answered from that constraint's index (a mentor's bookings
 * near a time) rather than by reading every earlier booking of the mentor through (mentor_id, starts_at).
 */
const during = (b: string, from: string, to: string) =>
  `tstzrange(${b}.starts_at, ${b}.ends_at) && tstzrange(${from}, ${to})`;

/** Upcoming bookings that count toward a founder's limits: requests as well as confirmed ones. */
const OPEN = `('requested','confirmed')`;

/** When the no-show suspension of founder `founder` (SQL) ends (past or null when not suspended): an expression. */
const suspendedUntilSql = (founder: string) => `(SELECT max(b.marked_at) + interval '30 days'
    FROM bookings b
   WHERE b.founder_id = ${founder} AND b.status = 'no_show' AND NOT b.no_show_excused
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

/**
 * A new booking in ONE autocommitted statement, so nothing is held across a round trip of the API: the
 * slot's turn (lockSlot's lock, same key, $14) taken before the row is inserted, the row (a request
 * when the mentor confirms first, $12), the founder's need it matches (linkBookingStatement), its
 * first mails and texts as small outbox rows (firstMailsStatement, firstTextsStatement), and the row
 * with both sides as the answer shows it. The row is inserted only while what the API decided on
 * still holds, else the statement answers no row: the mentor's settings at context_version $15, the
 * mentor still a published mentor, the founder not suspended, and (when $22 is not null) no active
 * booking within $22 minutes of the slot (a buffer: the fast path decides without reading the
 * bookings around the slot). The exclusion constraint refuses an overlapping slot here; last,
 * booking_limits_confirm (migration BookingLimitsFunction) takes the founder's lock and the mentor's
 * day's ($16, null: no daily maximum) and counts again with this row included, with a snapshot of
 * its own: a limit exceeded raises and the whole statement is rolled back.
 */
const BOOK_SQL = `WITH ins AS (
  INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, topic, note, time_zone,
                        location, online_url, idempotency_key, intake_answers, status, request_expires_at)
  SELECT $1::uuid, $2::uuid, ${BOOKING_CARRIER}, $3::timestamptz, $4::timestamptz, $5::text, $6::text, $7::text,
         $8::text, $9::text, $10::text, $11::jsonb,
         CASE WHEN $12::boolean THEN 'requested' ELSE 'confirmed' END,
         CASE WHEN $12::boolean THEN least(now() + make_interval(hours => $13::int), $3::timestamptz) END
    FROM (SELECT pg_advisory_xact_lock(hashtext('wutong.mentor-slot'), hashtext($14::text))) slot
   WHERE EXISTS (SELECT 1 FROM mentor_profiles p JOIN users u ON u.id = p.user_id
                  WHERE p.user_id = $1 AND p.context_version = $15::int AND p.published
                    AND 'mentor' = ANY(u.roles))
     AND NOT coalesce(${suspendedUntilSql('$2')} > now(), false)
     AND ($22::int IS NULL OR NOT EXISTS (
           SELECT 1 FROM bookings x
            WHERE x.mentor_id = $1 AND x.status IN ${ACTIVE}
              AND ${during('x', '$3::timestamptz - make_interval(mins => $22::int)', '$4::timestamptz + make_interval(mins => $22::int)')}))
  RETURNING *
), link AS (
  ${linkBookingStatement({ id: '(SELECT id FROM ins)', founderId: '$2', mentorId: '$1', startsAt: '$3::timestamptz' })}
), mail AS (
  ${firstMailsStatement('ins', '$12::boolean')}
), sms AS (
  ${firstTextsStatement('ins')}
)
SELECT ${BOOKING_COLUMNS},
       booking_limits_confirm(b.founder_id::text, b.mentor_id::text, $17::int, $18::int, $16::text,
                              $19::timestamptz, $20::timestamptz, $21::int) AS limits_kept
  FROM ins b
  ${BOOKING_SIDES}`;

/**
 * What booking a slot needs to know, read in one autocommitted statement before anything is written
 * (see `bookingContext`).
 */
type BookingContextRow = MentorProfile & {
  context_version: number;
  around: [number, number][];
  open: number;
  with_mentor: number;
  suspended_until: Date | null;
};

/** The longest slot a mentor's windows can offer (an override without a length may get 60 minutes). */
function longestSlotMinutes(profile: MentorProfile): number {
  return Math.max(60, ...[...profile.rules, ...profile.overrides].map((w) => w.slotMinutes ?? 0));
}

/** The widest buffer of a mentor's windows: the fast path keeps at least this clear around a slot. */
function widestBuffer(profile: MentorProfile): number {
  return Math.max(0, ...[...profile.rules, ...profile.overrides].map((w) => w.bufferMinutes ?? 0));
}

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

  /** Mentors' settings as this process last read them (the fast path of `book`). */
  private readonly mentorContexts = new MentorContexts();

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
   * Books a slot in two round trips and no transaction of the API's: one read of everything the
   * decision needs (`bookingContext`: the mentor's settings, the bookings around the slot, the
   * founder's limits on what is committed, for the right refusal) and, once the slot is computed
   * here, one autocommitted statement that writes it (BOOK_SQL). Nothing locks the mentor: bookings of
   * one mentor run in parallel, the exclusion constraint arbitrates overlapping slots, and the limits'
   * last word is booking_limits_confirm inside that statement, under short advisory locks of the
   * founder and of the mentor's day held only until the statement commits.
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
    try {
      return await this.bookOnce(caller, mentorId, dto, key);
    } catch (error) {
      // A retry racing its first attempt is refused however the first's commit reaches it: by the
      // read (the slot now busy, a limit the first now fills) or by the write (the first's row, the
      // same key). Either way it answers with the first booking.
      if (key) {
        const first = await this.byKey(this.dataSource.manager, caller.userId, key);
        if (first) return { booking: bookingView(first, caller.userId), created: false };
      }
      throw error;
    }
  }

  /**
   * A mentor this process has booked before takes the fast path: the slot is decided on the settings
   * kept in memory and the statement is the only round trip (it writes nothing when they changed).
   * Whatever the fast path does not make (a slot it does not offer, changed settings, a taken slot,
   * a limit, a suspension, a buffer) is decided again on a fresh read, with the refusal that read
   * gives.
   */
  private async bookOnce(
    caller: Principal,
    mentorId: string,
    dto: CreateBookingDto,
    key: string | null,
  ): Promise<{ booking: BookingView; created: boolean }> {
    const known = this.mentorContexts.get(mentorId);
    const fast = known ? await this.bookOnKnownSettings(caller, known, dto, key) : null;
    if (fast) return fast;
    // A fresh read that finds the row not written (settings or a suspension changed in between)
    // reads again; a third time it gives up as a slot taken would.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const made = await this.bookOnFreshRead(caller, mentorId, dto, key);
      if (made) return made;
    }
    throw new DomainException('SLOT_UNAVAILABLE');
  }

  /** The fast path: null when it made nothing, whatever the reason. */
  private async bookOnKnownSettings(
    caller: Principal,
    { profile, version }: MentorContext,
    dto: CreateBookingDto,
    key: string | null,
  ): Promise<{ booking: BookingView; created: boolean } | null> {
    if (!profile.published) return null;
    const start = new Date(dto.startsAt);
    const slot = this.slotAt(profile, [], start);
    if (!slot) return null;
    try {
      const intake = intakeAnswers(profile.intakeQuestions, dto.intakeAnswers ?? {});
      return await this.write(caller, profile, version, slot, dto, key, intake, widestBuffer(profile));
    } catch (error) {
      if (error instanceof DomainException || pgError(error)) return null;
      throw error;
    }
  }

  /** Decides on what it reads now, refusing as the read says; null when the row was not written. */
  private async bookOnFreshRead(
    caller: Principal,
    mentorId: string,
    dto: CreateBookingDto,
    key: string | null,
  ): Promise<{ booking: BookingView; created: boolean } | null> {
    const start = new Date(dto.startsAt);
    const context = await this.bookingContext(mentorId, caller.userId, start);
    const profile = context?.profile;
    if (!context || !profile || !profile.published) throw notFound();
    this.mentorContexts.remember({ profile, version: context.version });
    this.checkFounder(context.founder, profile);
    const intake = intakeAnswers(profile.intakeQuestions, dto.intakeAnswers ?? {});
    const slot = this.slotAt(profile, context.around, start);
    if (!slot) throw new DomainException('SLOT_UNAVAILABLE');
    // The buffers were kept on the bookings just read: the statement need not look again.
    return this.write(caller, profile, context.version, slot, dto, key, intake, null);
  }

  /**
   * The free slot starting at `start`, given the active bookings around it: computed over no more
   * than the longest slot after it (the grid of a day does not depend on the range asked).
   */
  private slotAt(
    profile: MentorProfile,
    around: { startsAt: Date; endsAt: Date }[],
    start: Date,
  ): SlotView | undefined {
    const to = new Date(start.getTime() + longestSlotMinutes(profile) * 60_000);
    return this.compute(profile, around, new Date(), start, to).find(
      (s) => Date.parse(s.startsAt) === start.getTime(),
    );
  }

  /** BOOK_SQL for the slot decided on settings at `version`; null when it wrote nothing. */
  private async write(
    caller: Principal,
    profile: MentorProfile,
    version: number,
    slot: SlotView,
    dto: CreateBookingDto,
    key: string | null,
    intake: IntakeAnswerView[],
    bufferMinutes: number | null,
  ): Promise<{ booking: BookingView; created: boolean } | null> {
    const start = new Date(slot.startsAt);
    const manual = profile.confirmation === 'manual';
    const day = this.dayLimit(profile, start);
    try {
      const [row] = await retryOnDeadlock(() =>
        namedStatement<BookingRow>(this.dataSource, 'book', BOOK_SQL, [
          profile.userId,
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
          manual,
          profile.requestTtlHours,
          `${profile.userId} ${start.toISOString()}`,
          version,
          day?.day ?? null,
          OPEN_BOOKINGS_PER_FOUNDER,
          profile.maxFuturePerFounder,
          day?.from ?? null,
          day?.to ?? null,
          profile.maxPerDay,
          bufferMinutes,
        ]),
      );
      return row ? { booking: bookingView(row, caller.userId), created: true } : null;
    } catch (error) {
      if (pgError(error)?.code === PG.exclusionViolation) throw new DomainException('SLOT_UNAVAILABLE');
      throw this.limitRefusal(error, profile) ?? error;
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
          await this.confirmMove(m, profile, start);
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
   * What booking the slot starting at `start` needs to know, in one autocommitted statement: the
   * mentor's settings and their context_version (null: not a mentor), the active bookings three days
   * either side (as activeBookings), and the founder's open bookings (with this mentor and overall)
   * and suspension on what is committed. Nothing is locked: a booker of the same slot who commits
   * meanwhile meets this one in the exclusion constraint (409 SLOT_UNAVAILABLE), and the limits are
   * counted again as BOOK_SQL's last word.
   */
  private async bookingContext(
    mentorId: string,
    founderId: string,
    start: Date,
  ): Promise<{
    profile: MentorProfile;
    version: number;
    around: { startsAt: Date; endsAt: Date }[];
    founder: { open: number; withMentor: number; suspendedUntil: Date | null };
  } | null> {
    const valid = !Number.isNaN(start.getTime());
    const [row] = await namedStatement<BookingContextRow>(
      this.dataSource,
      'booking-context',
      `SELECT ${MENTOR_PROFILE_COLUMNS}, p.context_version,
              (SELECT coalesce(json_agg(json_build_array(extract(epoch FROM b.starts_at) * 1000,
                                                         extract(epoch FROM b.ends_at) * 1000)), '[]')
                 FROM bookings b
                WHERE b.mentor_id = $1 AND b.status IN ${ACTIVE} AND $2::timestamptz IS NOT NULL
                  AND ${during('b', "$2::timestamptz - interval '3 days'", "$2::timestamptz + interval '3 days'")}) AS around,
              fb.open, fb.with_mentor, ${suspendedUntilSql('$3')} AS suspended_until
         FROM mentor_profiles p JOIN users u ON u.id = p.user_id
        CROSS JOIN LATERAL (
              SELECT count(*)::int AS open, (count(*) FILTER (WHERE o.mentor_id = $1))::int AS with_mentor
                FROM bookings o
               WHERE o.founder_id = $3 AND o.status IN ${OPEN} AND o.starts_at > now()) fb
        WHERE p.user_id = $1 AND 'mentor' = ANY(u.roles)`,
      [mentorId, valid ? start.toISOString() : null, founderId],
    );
    if (!row) return null;
    const { context_version, around, open, with_mentor, suspended_until, ...profile } = row;
    return {
      profile,
      version: context_version,
      around: around.map(([s, e]) => ({ startsAt: new Date(s), endsAt: new Date(e) })),
      founder: { open, withMentor: with_mentor, suspendedUntil: suspended_until },
    };
  }

  /** When the founder's no-show suspension ends (null when not suspended). */
  async suspendedUntil(m: EntityManager, founderId: string): Promise<Date | null> {
    const [row]: { until: Date | null }[] = await m.query(`SELECT ${suspendedUntilSql('$1')} AS until`, [
      founderId,
    ]);
    return row?.until && row.until > new Date() ? row.until : null;
  }

  /**
   * The founder's limits on what was committed when the context was read, so a refusal names the
   * right limit before the slot is looked at. Not the last word: see booking_limits_confirm.
   */
  private checkFounder(
    counts: { open: number; withMentor: number; suspendedUntil: Date | null },
    profile: MentorProfile,
  ): void {
    if (counts.open >= OPEN_BOOKINGS_PER_FOUNDER) throw openLimit();
    const until = counts.suspendedUntil && counts.suspendedUntil > new Date() ? counts.suspendedUntil : null;
    if (until)
      throw new DomainException(
        'BOOKING_SUSPENDED',
        { suspendedUntil: until.toISOString() },
        {
          until: until.toISOString().slice(0, 10),
        },
      );
    if (counts.withMentor >= profile.maxFuturePerFounder) throw mentorLimit(profile);
  }

  /** The mentor's local day of `start` and its bounds, when the mentor has a daily maximum. */
  private dayLimit(profile: MentorProfile, start: Date): { day: string; from: string; to: string } | null {
    if (profile.maxPerDay == null) return null;
    const day = localDate(profile.timeZone, start);
    return {
      day,
      from: new Date(wallClockToUtc(profile.timeZone, day, 0)).toISOString(),
      to: new Date(wallClockToUtc(profile.timeZone, addDays(day, 1), 0)).toISOString(),
    };
  }

  /** The refusal booking_limits_confirm raised (a limit exceeded), or null for any other error. */
  private limitRefusal(error: unknown, profile: MentorProfile): DomainException | null {
    if (!(error instanceof QueryFailedError)) return null;
    const driver = error.driverError as { code?: string; message?: string };
    if (driver.code !== 'P0001') return null;
    if (driver.message === 'OPEN_BOOKINGS_LIMIT') return openLimit();
    if (driver.message === 'BOOKING_LIMIT') return mentorLimit(profile);
    if (driver.message === 'SLOT_UNAVAILABLE') return new DomainException('SLOT_UNAVAILABLE');
    return null;
  }

  /**
   * A move's last statement, its row already written: booking_limits_confirm (the mentor's day's
   * lock and count, as a new booking's statement ends) in the move's transaction.
   */
  private async confirmMove(m: EntityManager, profile: MentorProfile, start: Date): Promise<void> {
    const day = this.dayLimit(profile, start);
    if (!day) return;
    try {
      await namedQuery(
        m,
        'booking-limits-confirm',
        `SELECT booking_limits_confirm(NULL, $1, NULL, NULL, $2, $3, $4, $5)`,
        [profile.userId, day.day, day.from, day.to, profile.maxPerDay],
      );
    } catch (error) {
      throw this.limitRefusal(error, profile) ?? error;
    }
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
          AND ${during('bookings', "$2::timestamptz - interval '1 day'", "$3::timestamptz + interval '1 day'")}
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

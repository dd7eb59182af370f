import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  computeSlots,
  type CompanyStage,
  type Industry,
  type Locale,
  type MentorCategory,
  type MentoringNeedInput,
  type MentoringRequestStatus,
  type MentoringRequestView,
  type MentorSuggestion,
} from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { isAdmin, organizes, type Principal } from '../common/auth/principal';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CHINESE_HOLIDAYS } from '../mentors/holidays';
import { mentorCarrier } from '../mentors/mentor-carrier';
import { MENTOR_PROFILE_COLUMNS, type MentorProfile } from '../mentors/mentor-profile.record';
import { NotificationsService } from '../notifications/notifications.service';
import { FREE_SLOT_DAYS, rankMentors, type Candidate } from './matching.score';

const DAY = 24 * 3600 * 1000;
/** Bookings that hold their time (as office hours count them). */
const ACTIVE = `('requested','confirmed','completed','no_show')`;
/**
 * Needs one founder may send in 24 hours: each scores the whole mentor pool, so a script must not
 * turn it into a load generator; a founder exploring a few needs a day stays far below.
 */
export const NEEDS_PER_DAY = 20;
/** A need that can still be matched, queued or assigned. */
const LIVE: MentoringRequestStatus[] = ['suggested', 'open', 'assigned'];

/**
 * For the statement that books a session (office-hours' BOOK_SQL), given SQL expressions of the new
 * booking: the founder's latest live need that suggested or was assigned this mentor is matched by
 * the booking (time to first session counts from it). Cancelling the booking later does not undo
 * it: the need was met with a booking. Only this folder writes mentoring_requests.
 */
export function linkBookingStatement(b: {
  id: string;
  founderId: string;
  mentorId: string;
  startsAt: string;
}) {
  return `UPDATE mentoring_requests SET status = 'matched', booking_id = ${b.id}, booked_at = now(),
              first_session_at = ${b.startsAt}, updated_at = now()
        WHERE id = (SELECT id FROM mentoring_requests
                     WHERE founder_id = ${b.founderId} AND status IN (${LIVE.map((l) => `'${l}'`).join(', ')})
                       AND (assigned_mentor_id = ${b.mentorId}
                            OR suggestions @> jsonb_build_array(jsonb_build_object('mentorId', ${b.mentorId}::text)))
                     ORDER BY created_at DESC LIMIT 1 FOR UPDATE)`;
}

interface RequestRow {
  id: string;
  organization_id: string;
  organization_name: string;
  status: MentoringRequestStatus;
  category: MentorCategory | null;
  industry: Industry | null;
  stage: CompanyStage | null;
  need: string;
  suggestions: MentorSuggestion[];
  founder_id: string;
  founder_name: string;
  company_name: string | null;
  assigned_mentor_id: string | null;
  assigned_mentor_name: string | null;
  assigned_at: Date | null;
  queued_at: Date | null;
  booking_id: string | null;
  booked_at: Date | null;
  first_session_at: Date | null;
  created_at: Date;
}

const SELECT_REQUEST = `
  SELECT r.id, r.organization_id, o.name AS organization_name, r.status, r.category, r.industry, r.stage, r.need,
         r.suggestions, r.founder_id, f.display_name AS founder_name, c.name AS company_name,
         r.assigned_mentor_id, am.display_name AS assigned_mentor_name, r.assigned_at, r.queued_at,
         r.booking_id, r.booked_at, r.first_session_at, r.created_at
    FROM mentoring_requests r
    JOIN organizations o ON o.id = r.organization_id
    JOIN users f ON f.id = r.founder_id
    LEFT JOIN companies c ON c.id = f.company_id
    LEFT JOIN users am ON am.id = r.assigned_mentor_id`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function view(r: RequestRow): MentoringRequestView {
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    status: r.status,
    category: r.category,
    industry: r.industry,
    stage: r.stage,
    need: r.need,
    suggestions: r.suggestions,
    founder: { id: r.founder_id, displayName: r.founder_name, companyName: r.company_name },
    assignedMentor: r.assigned_mentor_id
      ? { id: r.assigned_mentor_id, displayName: r.assigned_mentor_name ?? '' }
      : null,
    assignedAt: iso(r.assigned_at),
    queuedAt: iso(r.queued_at),
    bookingId: r.booking_id,
    bookedAt: iso(r.booked_at),
    firstSessionAt: iso(r.first_session_at),
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * Matching by need: a founder's need gets up to five scored suggestions (matching.score.ts), may be
 * put in its carrier's queue for an organizer to assign a mentor, and is matched by the founder's
 * first booking with a suggested or the assigned mentor.
 */
@Injectable()
export class MentoringRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** Scores every published mentor for the need and keeps the need, with what it was shown. */
  async create(caller: Principal, dto: MentoringNeedInput): Promise<MentoringRequestView> {
    const need = dto.need.trim();
    const [recent]: { sent: number; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS sent, min(created_at) AS oldest FROM mentoring_requests
        WHERE founder_id = $1 AND created_at > now() - interval '24 hours'`,
      [caller.userId],
    );
    if (recent.sent >= NEEDS_PER_DAY)
      throw new DomainException(
        'RATE_LIMITED',
        { limit: NEEDS_PER_DAY },
        {
          retryAfter: Math.max(1, Math.ceil((recent.oldest!.getTime() + 24 * 3600_000 - Date.now()) / 1000)),
        },
      );
    const candidates = await this.candidates(caller.userId);
    const ranked = rankMentors(
      {
        category: dto.category ?? null,
        industry: dto.industry ?? null,
        stage: dto.stage ?? null,
        text: need,
        locale: caller.locale,
      },
      candidates.map((c) => c.candidate),
    );
    const byId = new Map(candidates.map((c) => [c.candidate.mentorId, c]));
    const suggestions: MentorSuggestion[] = ranked.map((s) => {
      const c = byId.get(s.mentorId)!;
      return {
        mentorId: s.mentorId,
        displayName: c.displayName,
        category: c.candidate.category,
        title: c.title,
        score: s.score,
        reasons: s.reasons,
        nextSlot: s.nextSlot,
      };
    });
    const organizationId = await this.carrierFor(
      dto.organizationId ?? null,
      ranked.map((s) => s.mentorId),
    );
    const id = await this.dataSource.transaction(async (m) => {
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO mentoring_requests (organization_id, founder_id, category, industry, stage, need, suggestions)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id`,
        [
          organizationId,
          caller.userId,
          dto.category ?? null,
          dto.industry ?? null,
          dto.stage ?? null,
          need,
          JSON.stringify(suggestions),
        ],
      );
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'mentoring_request.create',
        targetType: 'mentoring_request',
        targetId: row.id,
        organizationId,
        details: { suggestions: suggestions.length },
      });
      return row.id;
    });
    return this.read(id);
  }

  /** The founder's own needs, newest first. */
  async mine(caller: Principal): Promise<MentoringRequestView[]> {
    const list: RequestRow[] = await this.dataSource.query(
      `${SELECT_REQUEST} WHERE r.founder_id = $1 ORDER BY r.created_at DESC LIMIT 200`,
      [caller.userId],
    );
    return list.map(view);
  }

  /** The founder asks the carrier to assign a mentor: the need joins the carrier's queue. */
  async queue(caller: Principal, id: string): Promise<MentoringRequestView> {
    await this.ownLiveRequest(caller, id, async (m, r) => {
      if (r.status !== 'suggested') return;
      await m.query(
        `UPDATE mentoring_requests SET status = 'open', queued_at = now(), updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'mentoring_request.queue',
        targetType: 'mentoring_request',
        targetId: id,
        organizationId: r.organization_id,
      });
    });
    return this.read(id);
  }

  /** The founder no longer needs it: it leaves the queue. */
  async withdraw(caller: Principal, id: string): Promise<MentoringRequestView> {
    await this.ownLiveRequest(caller, id, async (m, r) => {
      await m.query(
        `UPDATE mentoring_requests SET status = 'withdrawn', withdrawn_at = now(), updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'mentoring_request.withdraw',
        targetType: 'mentoring_request',
        targetId: id,
        organizationId: r.organization_id,
      });
    });
    return this.read(id);
  }

  /**
   * Needs of the carriers the caller organizes (an admin: all, or one carrier), oldest waiting
   * first. Another carrier asked for by an organizer: 403.
   */
  async list(
    caller: Principal,
    query: { status?: MentoringRequestStatus; organizationId?: string },
  ): Promise<MentoringRequestView[]> {
    if (query.organizationId && !organizes(caller, query.organizationId)) throw forbidden();
    const carriers = query.organizationId ? [query.organizationId] : caller.organizationIds;
    const list: RequestRow[] = await this.dataSource.query(
      `${SELECT_REQUEST}
        WHERE r.status = $1 AND (($2::boolean AND $3::uuid IS NULL) OR r.organization_id = ANY($4::uuid[]))
        ORDER BY coalesce(r.queued_at, r.created_at), r.id
        LIMIT 1000`,
      [query.status ?? 'open', isAdmin(caller), query.organizationId ?? null, carriers],
    );
    return list.map(view);
  }

  /**
   * An organizer of the need's carrier (or an admin) assigns a mentor, or another one: the founder
   * is told by mail and books from that mentor's slots. Another carrier's need: 404.
   */
  async assign(caller: Principal, id: string, mentorId: string): Promise<MentoringRequestView> {
    await this.dataSource.transaction(async (m) => {
      const [r]: {
        organization_id: string;
        organization_name: string;
        status: MentoringRequestStatus;
        founder_id: string;
        founder_name: string;
        email: string | null;
        locale: Locale;
      }[] = await m.query(
        `SELECT r.organization_id, o.name AS organization_name, r.status, r.founder_id,
                f.display_name AS founder_name, f.email, f.locale
           FROM mentoring_requests r JOIN organizations o ON o.id = r.organization_id
           JOIN users f ON f.id = r.founder_id
          WHERE r.id = $1 FOR UPDATE OF r`,
        [id],
      );
      if (!r || !organizes(caller, r.organization_id)) throw notFound();
      if (!LIVE.includes(r.status)) throw new DomainException('MENTORING_REQUEST_CLOSED');
      const [mentor]: { display_name: string }[] = await m.query(
        `SELECT u.display_name FROM users u JOIN mentor_profiles p ON p.user_id = u.id
          WHERE u.id = $1 AND 'mentor' = ANY(u.roles) AND p.published AND u.id <> $2`,
        [mentorId, r.founder_id],
      );
      if (!mentor)
        throw new DomainException('VALIDATION_FAILED', [
          fieldError('mentorId', 'notAMentor', 'must be a mentor with a published profile'),
        ]);
      await m.query(
        `UPDATE mentoring_requests SET status = 'assigned', assigned_mentor_id = $2, assigned_by = $3,
                assigned_at = now(), queued_at = coalesce(queued_at, now()), updated_at = now()
          WHERE id = $1`,
        [id, mentorId, caller.userId],
      );
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'mentoring_request.assign',
        targetType: 'mentoring_request',
        targetId: id,
        organizationId: r.organization_id,
        details: { mentorId },
      });
      await this.notifications.enqueue(
        m,
        'mentoringAssigned',
        { email: r.email, locale: r.locale },
        {
          displayName: r.founder_name,
          otherName: mentor.display_name,
          carrierName: r.organization_name,
          mentorUrl: `${this.config.publicUrl}/mentors/${mentorId}`,
        },
        { organizationId: r.organization_id },
      );
    });
    return this.read(id);
  }

  private async read(id: string): Promise<MentoringRequestView> {
    const [row]: RequestRow[] = await this.dataSource.query(`${SELECT_REQUEST} WHERE r.id = $1`, [id]);
    return view(row);
  }

  /** Runs `change` on the caller's own need while it is live; 404 for others', 409 once closed. */
  private async ownLiveRequest(
    caller: Principal,
    id: string,
    change: (
      m: EntityManager,
      r: { status: MentoringRequestStatus; organization_id: string },
    ) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [r]: { status: MentoringRequestStatus; organization_id: string }[] = await m.query(
        `SELECT status, organization_id FROM mentoring_requests WHERE id = $1 AND founder_id = $2 FOR UPDATE`,
        [id, caller.userId],
      );
      if (!r) throw notFound();
      if (!LIVE.includes(r.status)) throw new DomainException('MENTORING_REQUEST_CLOSED');
      await change(m, r);
    });
  }

  /**
   * The carrier the need belongs to: the one the founder chose, else the carrier of the best
   * suggested mentor that has one, else the base; without any, the founder must choose (400).
   */
  private async carrierFor(chosen: string | null, mentorIds: string[]): Promise<string> {
    if (chosen) {
      const [found]: unknown[] = await this.dataSource.query(`SELECT 1 FROM organizations WHERE id = $1`, [
        chosen,
      ]);
      if (!found)
        throw new DomainException('VALIDATION_FAILED', [
          fieldError('organizationId', 'unknown', 'no such carrier'),
        ]);
      return chosen;
    }
    const [row]: { organization_id: string | null }[] = await this.dataSource.query(
      `SELECT coalesce(
         (SELECT carrier FROM (SELECT ${mentorCarrier('m.id')} AS carrier, m.n
                                 FROM unnest($1::uuid[]) WITH ORDINALITY AS m(id, n)) x
           WHERE carrier IS NOT NULL ORDER BY n LIMIT 1),
         (SELECT id FROM organizations WHERE kind = 'base' ORDER BY created_at LIMIT 1)) AS organization_id`,
      [mentorIds],
    );
    if (!row?.organization_id)
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('organizationId', 'required', 'choose the carrier to ask'),
      ]);
    return row.organization_id;
  }

  /**
   * Every published mentor but the founder, with what the score reads: free slots in the next
   * FREE_SLOT_DAYS days (as the booking page computes them), ratings of completed sessions, and
   * upcoming bookings in the same days.
   */
  private async candidates(
    founderId: string,
  ): Promise<{ candidate: Candidate; displayName: string; title: string | null }[]> {
    const profiles: (MentorProfile & {
      displayName: string;
      ratingAverage: number | null;
      ratingCount: number;
      upcoming: number;
    })[] = await this.dataSource.query(
      `SELECT ${MENTOR_PROFILE_COLUMNS}, u.display_name AS "displayName",
              (SELECT avg(rating)::float FROM bookings b WHERE b.mentor_id = p.user_id AND b.rating IS NOT NULL)
                AS "ratingAverage",
              (SELECT count(*)::int FROM bookings b WHERE b.mentor_id = p.user_id AND b.rating IS NOT NULL)
                AS "ratingCount",
              (SELECT count(*)::int FROM bookings b
                WHERE b.mentor_id = p.user_id AND b.status IN ('requested','confirmed')
                  AND b.starts_at >= now() AND b.starts_at < now() + make_interval(days => $2)) AS upcoming
         FROM mentor_profiles p JOIN users u ON u.id = p.user_id
        WHERE 'mentor' = ANY(u.roles) AND p.published AND u.id <> $1 AND u.deactivated_at IS NULL
        LIMIT 2000`,
      [founderId, FREE_SLOT_DAYS],
    );
    const now = new Date();
    const to = new Date(now.getTime() + FREE_SLOT_DAYS * DAY);
    const busy: { mentor_id: string; starts_at: Date; ends_at: Date }[] = await this.dataSource.query(
      `SELECT mentor_id, starts_at, ends_at FROM bookings
        WHERE mentor_id = ANY($1::uuid[]) AND status IN ${ACTIVE}
          AND starts_at < $3::timestamptz + interval '1 day' AND ends_at > $2::timestamptz - interval '1 day'`,
      [profiles.map((p) => p.userId), now.toISOString(), to.toISOString()],
    );
    return profiles.map((p) => {
      const slots = computeSlots({
        timeZone: p.timeZone,
        rules: p.rules,
        overrides: p.overrides,
        holidaysOff: p.holidaysOff,
        holidays: CHINESE_HOLIDAYS,
        bookings: busy
          .filter((b) => b.mentor_id === p.userId)
          .map((b) => ({ startsAt: b.starts_at, endsAt: b.ends_at })),
        now,
        from: now,
        to,
        minNoticeHours: p.minNoticeHours,
        maxPerDay: p.maxPerDay,
        horizonWeeks: p.horizonWeeks,
      });
      return {
        displayName: p.displayName,
        title: p.title,
        candidate: {
          mentorId: p.userId,
          category: p.category,
          expertise: p.expertise,
          languages: p.languages,
          freeSlots: slots.length,
          nextSlot: slots[0]?.startsAt ?? null,
          ratingAverage: p.ratingAverage,
          ratingCount: p.ratingCount,
          upcoming: p.upcoming,
        },
      };
    });
  }
}

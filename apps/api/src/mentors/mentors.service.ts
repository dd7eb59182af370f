import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_TIME_ZONE,
  normalizeExpertise,
  searchTerms,
  parseClock,
  type AvailabilitySavedView,
  type AvailabilityView,
  type BookingConfirmation,
  type BookingOnDayOff,
  type IntakeQuestion,
  type FieldError,
  type MentorListQuery,
  type MentorSummary,
  type MentorView,
} from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { isAdmin, type Principal } from '../common/auth/principal';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { assertTimeZone } from '../common/validation/time-zone';
import type { AvailabilityDto, IntakeQuestionDto, MentorProfileDto } from './dto/mentor.dto';
import { updateColumns } from '../common/database/records';
import { MENTOR_PROFILE_COLUMNS, MENTOR_PROFILE_JSON, type MentorProfile } from './mentor-profile.record';

interface MentorRow {
  user_id: string;
  display_name: string;
  category: MentorProfile['category'];
  title: string | null;
  affiliation: string | null;
  bio: string | null;
  expertise: string[];
  languages: string[];
  photo_url: string | null;
  published: boolean;
  time_zone: string;
  location: string | null;
  online_url: string | null;
  min_notice_hours: number;
  horizon_weeks: number;
  confirmation: BookingConfirmation;
  intake_questions: IntakeQuestion[];
}

/**
 * The intake questions as stored: trimmed, choices only on `choice` questions, and every question
 * with an id that stays when the mentor edits it (answers already given keep their label anyway).
 */
export function intakeQuestions(dtos: IntakeQuestionDto[]): IntakeQuestion[] {
  const taken = new Set(dtos.map((q) => q.id).filter((id): id is string => !!id));
  let next = 1;
  const freshId = () => {
    while (taken.has(`q${next}`)) next++;
    taken.add(`q${next}`);
    return `q${next}`;
  };
  const seen = new Set<string>();
  return dtos.map((q, i) => {
    const id = q.id && !seen.has(q.id) ? q.id : freshId();
    seen.add(id);
    if (q.kind === 'choice' && new Set(q.options!.map((o) => o.trim())).size !== q.options!.length)
      throw new DomainException('VALIDATION_FAILED', [
        fieldError(`intakeQuestions.${i}.options`, 'unique', 'the choices must differ'),
      ]);
    return {
      id,
      label: q.label.trim(),
      kind: q.kind,
      ...(q.kind === 'choice' && { options: q.options!.map((o) => o.trim()) }),
      required: q.required,
    };
  });
}

/** Organizers and admins oversee the mentor pool: they see unpublished profiles, availability and ledgers. */
export function overseesMentors(principal: Principal | undefined): boolean {
  return isAdmin(principal) || (principal?.roles.includes('organizer') ?? false);
}

function summary(r: MentorRow): MentorSummary {
  return {
    id: r.user_id,
    displayName: r.display_name,
    category: r.category,
    title: r.title,
    affiliation: r.affiliation,
    expertise: r.expertise,
    languages: r.languages,
    photoUrl: r.photo_url,
    published: r.published,
    timeZone: r.time_zone,
  };
}

export function availabilityView(p: MentorProfile): AvailabilityView {
  return {
    timeZone: p.timeZone,
    rules: p.rules,
    overrides: p.overrides,
    minNoticeHours: p.minNoticeHours,
    maxPerDay: p.maxPerDay,
    horizonWeeks: p.horizonWeeks,
    maxFuturePerFounder: p.maxFuturePerFounder,
    holidaysOff: p.holidaysOff,
    location: p.location,
    onlineUrl: p.onlineUrl,
    confirmation: p.confirmation,
    requestTtlHours: p.requestTtlHours,
  };
}

const SELECT_MENTOR = `
  SELECT u.id AS user_id, u.display_name, p.category, p.title, p.affiliation, p.bio, p.expertise, p.languages,
         p.photo_url, p.published, p.time_zone, p.location, p.online_url, p.min_notice_hours, p.horizon_weeks,
         p.confirmation, p.intake_questions
    FROM mentor_profiles p JOIN users u ON u.id = p.user_id
   WHERE 'mentor' = ANY(u.roles)`;

/** The mentor pool: profiles, the public directory and each mentor's office-hour settings. */
@Injectable()
export class MentorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Published mentors, filtered by category, an expertise tag and free text. */
  async list(query: MentorListQuery): Promise<MentorSummary[]> {
    const params: unknown[] = [];
    let sql = `${SELECT_MENTOR} AND p.published`;
    if (query.category) {
      params.push(query.category);
      sql += ` AND p.category = $${params.length}`;
    }
    if (query.expertise?.trim()) {
      // A tag by its code or by its name in either language (融资, Financing).
      params.push(normalizeExpertise(query.expertise).toLowerCase());
      sql += ` AND $${params.length} = ANY(SELECT lower(e) FROM unnest(p.expertise) e)`;
    }
    if (query.q?.trim()) {
      // Names, title, affiliation and bio as written; tags and categories also by their names in
      // both languages and the other words people use for them (EXPERTISE_NAMES, MENTOR_CATEGORY_NAMES).
      const { tags, categories } = searchTerms(query.q);
      params.push(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`, tags, categories);
      const [n, t, c] = [params.length - 2, params.length - 1, params.length].map((i) => `$${i}`);
      sql += ` AND (u.display_name ILIKE ${n} OR p.title ILIKE ${n} OR p.affiliation ILIKE ${n} OR p.bio ILIKE ${n}
                    OR EXISTS (SELECT 1 FROM unnest(p.expertise) e WHERE e ILIKE ${n})
                    OR p.expertise && ${t}::text[] OR p.category = ANY(${c}::text[]))`;
    }
    sql += ` ORDER BY array_position(ARRAY['professor','entrepreneur','banker','investor','lawyer','accountant','other'], p.category), u.display_name LIMIT 500`;
    const rows: MentorRow[] = await this.dataSource.query(sql, params);
    return rows.map(summary);
  }

  /** A mentor's page: unpublished ones only for themselves, organizers and admins (404 for others). */
  async get(caller: Principal | undefined, mentorId: string): Promise<MentorView> {
    const [row]: MentorRow[] = await this.dataSource.query(`${SELECT_MENTOR} AND u.id = $1`, [mentorId]);
    const self = caller?.userId === mentorId;
    const privileged = self || overseesMentors(caller);
    if (!row || (!row.published && !privileged)) throw notFound();
    const view: MentorView = {
      ...summary(row),
      bio: row.bio,
      location: row.location,
      online: row.online_url !== null,
      // The link is for those who hold a booking (they find it in the booking) and the mentor's side.
      onlineUrl: privileged ? row.online_url : null,
      minNoticeHours: row.min_notice_hours,
      horizonWeeks: row.horizon_weeks,
      confirmation: row.confirmation,
      intakeQuestions: row.intake_questions,
      canSeeLedger: privileged,
    };
    if (privileged)
      view.availability = availabilityView((await this.profile(this.dataSource.manager, mentorId))!);
    return view;
  }

  /** The caller's own profile, created with defaults on first use. */
  async mine(caller: Principal): Promise<MentorView> {
    await this.ensureProfile(this.dataSource.manager, caller.userId);
    return this.get(caller, caller.userId);
  }

  async updateProfile(caller: Principal, dto: MentorProfileDto): Promise<MentorView> {
    await this.dataSource.transaction(async (m) => {
      await this.ensureProfile(m, caller.userId);
      const changes: Partial<MentorProfile> = { category: dto.category };
      if (dto.title !== undefined) changes.title = dto.title?.trim() || null;
      if (dto.affiliation !== undefined) changes.affiliation = dto.affiliation?.trim() || null;
      if (dto.bio !== undefined) changes.bio = dto.bio?.trim() || null;
      // A built-in tag typed by its name is stored as the tag, once.
      if (dto.expertise !== undefined)
        changes.expertise = [...new Set(dto.expertise.map(normalizeExpertise))];
      if (dto.languages !== undefined) changes.languages = dto.languages;
      if (dto.photoUrl !== undefined) changes.photoUrl = dto.photoUrl;
      if (dto.published !== undefined) changes.published = dto.published;
      if (dto.intakeQuestions !== undefined) changes.intakeQuestions = intakeQuestions(dto.intakeQuestions);
      await updateColumns(m, 'mentor_profiles', ['user_id', caller.userId], changes, MENTOR_PROFILE_JSON);
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'mentor.profile.update',
        targetType: 'user',
        targetId: caller.userId,
        details: { published: dto.published, category: dto.category },
      });
    });
    return this.get(caller, caller.userId);
  }

  async updateAvailability(caller: Principal, dto: AvailabilityDto): Promise<AvailabilitySavedView> {
    assertTimeZone(dto.timeZone);
    const problems = availabilityProblems(dto);
    if (problems.length > 0) throw new DomainException('VALIDATION_FAILED', problems);
    return this.dataSource.transaction(async (m) => {
      await this.ensureProfile(m, caller.userId);
      const changes: Partial<MentorProfile> = {
        timeZone: dto.timeZone,
        rules: dto.rules.map((r) => ({
          weekday: r.weekday,
          start: r.start,
          end: r.end,
          slotMinutes: r.slotMinutes,
          bufferMinutes: r.bufferMinutes ?? 0,
        })),
        overrides: [...dto.overrides]
          .sort((a, b) => a.date.localeCompare(b.date))
          .map((o) =>
            o.unavailable
              ? { date: o.date, unavailable: true }
              : {
                  date: o.date,
                  start: o.start,
                  end: o.end,
                  ...(o.slotMinutes !== undefined && { slotMinutes: o.slotMinutes }),
                  ...(o.bufferMinutes !== undefined && { bufferMinutes: o.bufferMinutes }),
                },
          ),
      };
      if (dto.minNoticeHours !== undefined) changes.minNoticeHours = dto.minNoticeHours;
      if (dto.maxPerDay !== undefined) changes.maxPerDay = dto.maxPerDay;
      if (dto.horizonWeeks !== undefined) changes.horizonWeeks = dto.horizonWeeks;
      if (dto.maxFuturePerFounder !== undefined) changes.maxFuturePerFounder = dto.maxFuturePerFounder;
      if (dto.holidaysOff !== undefined) changes.holidaysOff = dto.holidaysOff;
      if (dto.location !== undefined) changes.location = dto.location?.trim() || null;
      if (dto.onlineUrl !== undefined) changes.onlineUrl = dto.onlineUrl;
      if (dto.confirmation !== undefined) changes.confirmation = dto.confirmation;
      if (dto.requestTtlHours !== undefined) changes.requestTtlHours = dto.requestTtlHours;
      await updateColumns(m, 'mentor_profiles', ['user_id', caller.userId], changes, MENTOR_PROFILE_JSON);
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'mentor.availability.update',
        targetType: 'user',
        targetId: caller.userId,
        details: { rules: dto.rules.length, overrides: dto.overrides.length },
      });
      const saved = availabilityView((await this.profile(m, caller.userId))!);
      return { ...saved, bookingsOnDaysOff: await this.bookingsOnDaysOff(m, caller.userId, saved) };
    });
  }

  /**
   * Confirmed bookings ahead on a date the mentor has taken off (a day-off override, in the mentor's
   * zone): saving does not cancel them; the mentor is shown them and may cancel each with a word.
   */
  private async bookingsOnDaysOff(
    m: EntityManager,
    mentorId: string,
    settings: AvailabilityView,
  ): Promise<BookingOnDayOff[]> {
    const days = settings.overrides.filter((o) => o.unavailable).map((o) => o.date);
    if (days.length === 0) return [];
    const rows: { id: string; starts_at: Date; ends_at: Date; topic: string; founder_name: string }[] =
      await m.query(
        `SELECT b.id, b.starts_at, b.ends_at, b.topic, u.display_name AS founder_name
           FROM bookings b JOIN users u ON u.id = b.founder_id
          WHERE b.mentor_id = $1 AND b.status IN ('requested','confirmed') AND b.starts_at > now()
            AND to_char(b.starts_at AT TIME ZONE $2, 'YYYY-MM-DD') = ANY($3::text[])
          ORDER BY b.starts_at`,
        [mentorId, settings.timeZone, days],
      );
    return rows.map((r) => ({
      id: r.id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      topic: r.topic,
      founderName: r.founder_name,
    }));
  }

  /** Settings of a user who is a mentor now (null otherwise), for slots and bookings. */
  async settings(
    mentorId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MentorProfile | null> {
    const [profile]: MentorProfile[] = await manager.query(
      `SELECT ${MENTOR_PROFILE_COLUMNS} FROM mentor_profiles p JOIN users u ON u.id = p.user_id
        WHERE p.user_id = $1 AND 'mentor' = ANY(u.roles)`,
      [mentorId],
    );
    return profile ?? null;
  }

  /** A mentor's profile row, whether or not the user is a mentor now. */
  private async profile(m: EntityManager, userId: string): Promise<MentorProfile | null> {
    const [profile]: MentorProfile[] = await m.query(
      `SELECT ${MENTOR_PROFILE_COLUMNS} FROM mentor_profiles p WHERE p.user_id = $1`,
      [userId],
    );
    return profile ?? null;
  }

  /** Creates the row with defaults when missing (first edit of a new mentor). */
  async ensureProfile(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `INSERT INTO mentor_profiles (user_id, time_zone)
       SELECT id, COALESCE(NULLIF(time_zone, ''), $2) FROM users WHERE id = $1
       ON CONFLICT (user_id) DO NOTHING`,
      [userId, DEFAULT_TIME_ZONE],
    );
  }
}

/** Checks across fields that class-validator cannot express: end after start, no overlaps in a day. */
export function availabilityProblems(dto: Pick<AvailabilityDto, 'rules' | 'overrides'>): FieldError[] {
  const problems: FieldError[] = [];
  const byDay = new Map<number, { s: number; e: number; i: number }[]>();
  dto.rules.forEach((r, i) => {
    const s = parseClock(r.start);
    const e = parseClock(r.end);
    if (!(e > s)) {
      problems.push(fieldError(`rules.${i}.end`, 'endAfterStart', 'end must be later than start'));
      return;
    }
    const list = byDay.get(r.weekday) ?? [];
    const clash = list.find((o) => o.s < e && o.e > s);
    if (clash)
      problems.push(
        fieldError(`rules.${i}.start`, 'overlappingRules', `overlaps rules.${clash.i} on the same weekday`),
      );
    list.push({ s, e, i });
    byDay.set(r.weekday, list);
  });
  dto.overrides.forEach((o, i) => {
    if (
      Number.isNaN(Date.parse(`${o.date}T00:00:00Z`)) ||
      new Date(`${o.date}T00:00:00Z`).toISOString().slice(0, 10) !== o.date
    )
      problems.push(fieldError(`overrides.${i}.date`, 'dateFormat', 'date is not a calendar date'));
    if (o.unavailable) return;
    if (!o.start || !o.end) {
      problems.push(
        fieldError(`overrides.${i}.start`, 'hoursNeeded', 'give start and end, or unavailable: true'),
      );
      return;
    }
    if (!(parseClock(o.end) > parseClock(o.start)))
      problems.push(fieldError(`overrides.${i}.end`, 'endAfterStart', 'end must be later than start'));
  });
  return problems;
}

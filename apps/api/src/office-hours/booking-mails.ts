import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildIcs, icsAttachment, type IcsEntry, type IcsMethod } from '../notifications/ics';
import { NotificationsService } from '../notifications/notifications.service';
import type { OfficeHourMail } from '../notifications/templates';
import { BOOKING_SELECT, type BookingRow } from './booking-row';

interface Party {
  role: 'founder' | 'mentor';
  name: string;
  email: string;
  locale: Locale;
  timeZone: string;
  otherName: string;
}

function parties(r: BookingRow): Party[] {
  return [
    {
      role: 'founder',
      name: r.founder_name,
      email: r.founder_email,
      locale: r.founder_locale,
      timeZone: r.founder_time_zone,
      otherName: r.mentor_name,
    },
    {
      role: 'mentor',
      name: r.mentor_name,
      email: r.mentor_email,
      locale: r.mentor_locale,
      timeZone: r.mentor_time_zone,
      otherName: r.founder_name,
    },
  ];
}

/** "2026年6月9日星期二 14:00–15:00（Asia/Shanghai）" in the reader's zone and language. */
export function formatWhen(start: Date, end: Date, zone: string, locale: Locale): string {
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    year: 'numeric',
    month: locale === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    weekday: locale === 'zh-CN' ? 'long' : 'short',
  }).format(start);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return locale === 'zh-CN'
    ? `${day} ${time.format(start)}–${time.format(end)}（${zone}）`
    : `${day}, ${time.format(start)}–${time.format(end)} (${zone})`;
}

/** "2026年6月9日星期二 14:00" / "Tue, Jun 9, 2026, 14:00" in the reader's zone: a deadline. */
export function formatMoment(at: Date, zone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    year: 'numeric',
    month: locale === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    weekday: locale === 'zh-CN' ? 'long' : 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** A request the mentor never accepted: no calendar invite went out, so none is withdrawn. */
function neverConfirmed(r: BookingRow): boolean {
  return r.request_expires_at !== null && r.decided_at === null;
}

export function placeOf(r: Pick<BookingRow, 'location' | 'online_url'>, locale: Locale): string {
  const parts = [r.location, r.online_url].filter((p): p is string => !!p);
  if (parts.length > 0) return parts.join(' · ');
  return locale === 'zh-CN' ? '导师将另行告知' : 'the mentor will let you know';
}

/** The calendar entry of a booking; its uid stays the same from invite to cancellation. */
export function bookingIcsEntry(r: BookingRow, locale: Locale, otherName: string): IcsEntry {
  return {
    uid: `booking-${r.id}@wutong`,
    sequence: r.sequence,
    start: r.starts_at,
    end: r.ends_at,
    summary: locale === 'zh-CN' ? `导师辅导：${otherName}` : `Office hours: ${otherName}`,
    description: r.topic,
    location: [r.location, r.online_url].filter(Boolean).join(' · ') || null,
    url: r.online_url,
    cancelled: r.status === 'cancelled',
  };
}

/** The office-hour mails, written to the outbox in the caller's transaction. */
@Injectable()
export class BookingMails {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `mentorId`, when the caller knows it: bookings are sharded by mentor (docs/operations.md). */
  async load(m: EntityManager, bookingId: string, mentorId?: string): Promise<BookingRow> {
    const [row]: BookingRow[] = await m.query(
      `${BOOKING_SELECT} WHERE b.id = $1${mentorId ? ' AND b.mentor_id = $2' : ''}`,
      mentorId ? [bookingId, mentorId] : [bookingId],
    );
    return row;
  }

  private common(r: BookingRow, p: Party): OfficeHourMail {
    return {
      displayName: p.name,
      otherName: p.otherName,
      role: p.role,
      when: formatWhen(r.starts_at, r.ends_at, p.timeZone, p.locale),
      topic: r.topic,
    };
  }

  private invite(r: BookingRow, p: Party, method: IcsMethod) {
    const ics = buildIcs(method, r.time_zone, [bookingIcsEntry(r, p.locale, p.otherName)]);
    return [icsAttachment(ics, method, method === 'CANCEL' ? 'cancel.ics' : 'invite.ics')];
  }

  async confirmed(m: EntityManager, bookingId: string, mentorId?: string): Promise<void> {
    const r = await this.load(m, bookingId, mentorId);
    for (const p of parties(r)) {
      await this.notifications.enqueue(
        m,
        'bookingConfirmed',
        { email: p.email, locale: p.locale },
        {
          ...this.common(r, p),
          place: placeOf(r, p.locale),
          bookingsUrl: `${this.config.publicUrl}/me/bookings`,
        },
        { organizationId: r.organization_id, attachments: this.invite(r, p, 'REQUEST') },
      );
    }
  }

  async cancelled(m: EntityManager, bookingId: string, byUserId: string): Promise<void> {
    const r = await this.load(m, bookingId);
    for (const p of parties(r)) {
      const mine = (p.role === 'founder' ? r.founder_id : r.mentor_id) === byUserId;
      await this.notifications.enqueue(
        m,
        'bookingCancelled',
        { email: p.email, locale: p.locale },
        { ...this.common(r, p), byOther: !mine, reason: r.cancel_reason },
        {
          organizationId: r.organization_id,
          ...(!neverConfirmed(r) && { attachments: this.invite(r, p, 'CANCEL') }),
        },
      );
    }
  }

  /** A request to a mentor who confirms first: the mentor is asked to answer, the founder told to wait. */
  async requested(m: EntityManager, bookingId: string, mentorId?: string): Promise<void> {
    const r = await this.load(m, bookingId, mentorId);
    for (const p of parties(r)) {
      await this.notifications.enqueue(
        m,
        'bookingRequested',
        { email: p.email, locale: p.locale },
        {
          ...this.common(r, p),
          answerBy: formatMoment(r.request_expires_at!, p.timeZone, p.locale),
          intake: r.intake_answers.map((a) => `${a.label}：${a.answer}`),
          bookingsUrl: `${this.config.publicUrl}/me/bookings`,
        },
        { organizationId: r.organization_id },
      );
    }
  }

  /** The mentor declined: the founder is told, with the mentor's reason, and may ask for another time. */
  async declined(m: EntityManager, bookingId: string): Promise<void> {
    const r = await this.load(m, bookingId);
    const founder = parties(r)[0];
    await this.notifications.enqueue(
      m,
      'bookingDeclined',
      { email: founder.email, locale: founder.locale },
      {
        ...this.common(r, founder),
        reason: r.decline_reason,
        mentorUrl: `${this.config.publicUrl}/mentors/${r.mentor_id}`,
      },
      { organizationId: r.organization_id },
    );
  }

  /** Nobody answered the request in time: both sides are told; the slot is free again. */
  async expired(m: EntityManager, bookingId: string): Promise<void> {
    const r = await this.load(m, bookingId);
    for (const p of parties(r)) {
      await this.notifications.enqueue(
        m,
        'bookingExpired',
        { email: p.email, locale: p.locale },
        { ...this.common(r, p), mentorUrl: `${this.config.publicUrl}/mentors/${r.mentor_id}` },
        { organizationId: r.organization_id },
      );
    }
  }

  /** The booking moved: both sides are told; a confirmed one's invite is updated in place (same UID). */
  async rescheduled(
    m: EntityManager,
    bookingId: string,
    byUserId: string,
    oldStart: Date,
    oldEnd: Date,
  ): Promise<void> {
    const r = await this.load(m, bookingId);
    for (const p of parties(r)) {
      const mine = (p.role === 'founder' ? r.founder_id : r.mentor_id) === byUserId;
      await this.notifications.enqueue(
        m,
        'bookingRescheduled',
        { email: p.email, locale: p.locale },
        {
          ...this.common(r, p),
          was: formatWhen(oldStart, oldEnd, p.timeZone, p.locale),
          byOther: !mine,
          requested: r.status === 'requested',
          place: placeOf(r, p.locale),
          bookingsUrl: `${this.config.publicUrl}/me/bookings`,
        },
        {
          organizationId: r.organization_id,
          ...(r.status === 'confirmed' && { attachments: this.invite(r, p, 'REQUEST') }),
        },
      );
    }
  }

  async reminder(m: EntityManager, bookingId: string, hoursBefore: number): Promise<void> {
    const r = await this.load(m, bookingId);
    for (const p of parties(r)) {
      await this.notifications.enqueue(
        m,
        'bookingReminder',
        { email: p.email, locale: p.locale },
        { ...this.common(r, p), place: placeOf(r, p.locale), hoursBefore },
        { organizationId: r.organization_id },
      );
    }
  }

  async feedbackRequest(m: EntityManager, bookingId: string): Promise<void> {
    const r = await this.load(m, bookingId);
    const founder = parties(r)[0];
    await this.notifications.enqueue(
      m,
      'bookingFeedbackRequest',
      { email: founder.email, locale: founder.locale },
      { ...this.common(r, founder), feedbackUrl: `${this.config.publicUrl}/me/bookings?feedback=${r.id}` },
      { organizationId: r.organization_id },
    );
  }

  /** Tells the founder of a no-show mark, with the mentor's note and a link to contest it. */
  async noShow(m: EntityManager, bookingId: string): Promise<void> {
    const r = await this.load(m, bookingId);
    const founder = parties(r)[0];
    await this.notifications.enqueue(
      m,
      'bookingNoShow',
      { email: founder.email, locale: founder.locale },
      {
        ...this.common(r, founder),
        note: r.no_show_note,
        contestUrl: `${this.config.publicUrl}/me/bookings?contest=${r.id}`,
      },
      { organizationId: r.organization_id },
    );
  }

  /** Tells the founder what an organizer decided on their contest. */
  async contestDecided(m: EntityManager, bookingId: string): Promise<void> {
    const r = await this.load(m, bookingId);
    const founder = parties(r)[0];
    await this.notifications.enqueue(
      m,
      'bookingContestDecided',
      { email: founder.email, locale: founder.locale },
      {
        ...this.common(r, founder),
        overturned: r.contest_decision === 'overturned',
        decisionNote: r.contest_decision_note,
        bookingsUrl: `${this.config.publicUrl}/me/bookings`,
      },
      { organizationId: r.organization_id },
    );
  }
}

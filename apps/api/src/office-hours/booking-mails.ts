import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale, NotificationChannels } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildIcs, icsAttachment, type IcsEntry, type IcsMethod } from '../notifications/ics';
import { NotificationsService } from '../notifications/notifications.service';
import { render, type OfficeHourMail } from '../notifications/templates';
import {
  enqueueLateStatement,
  enqueueTextStatement,
  OutboxRenderers,
  type LateMail,
} from '../notifications/outbox-renderers';
import { BOOKING_SELECT, type BookingRow } from './booking-row';
import { SmsService } from '../notifications/sms/sms.service';
import {
  channelsFor,
  shortWhen,
  USER_GETS_MAIL_SQL,
  USER_GETS_SMS_SQL,
  USER_HAS_MAIL_SQL,
  type NoticeKind,
} from '../notifications/sms/sms-texts';

interface Party {
  role: 'founder' | 'mentor';
  id: string;
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
      id: r.founder_id,
      name: r.founder_name,
      email: r.founder_email,
      locale: r.founder_locale,
      timeZone: r.founder_time_zone,
      otherName: r.mentor_name,
    },
    {
      role: 'mentor',
      id: r.mentor_id,
      name: r.mentor_name,
      email: r.mentor_email,
      locale: r.mentor_locale,
      timeZone: r.mentor_time_zone,
      otherName: r.founder_name,
    },
  ];
}

const formats = new Map<
  string,
  { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat; moment: Intl.DateTimeFormat }
>();

/** Building an Intl.DateTimeFormat costs far more than using one: one set per language and zone. */
function formatsFor(zone: string, locale: Locale) {
  const key = `${locale} ${zone}`;
  let f = formats.get(key);
  if (!f) {
    const date = {
      timeZone: zone,
      year: 'numeric',
      month: locale === 'zh-CN' ? 'long' : 'short',
      day: 'numeric',
      weekday: locale === 'zh-CN' ? 'long' : 'short',
    } as const;
    const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    f = {
      day: new Intl.DateTimeFormat(locale, date),
      time: new Intl.DateTimeFormat(locale, { timeZone: zone, ...clock }),
      moment: new Intl.DateTimeFormat(locale, { ...date, ...clock }),
    };
    formats.set(key, f);
  }
  return f;
}

/** "2026年6月9日星期二 14:00–15:00（Asia/Shanghai）" in the reader's zone and language. */
export function formatWhen(start: Date, end: Date, zone: string, locale: Locale): string {
  const f = formatsFor(zone, locale);
  const day = f.day.format(start);
  return locale === 'zh-CN'
    ? `${day} ${f.time.format(start)}–${f.time.format(end)}（${zone}）`
    : `${day}, ${f.time.format(start)}–${f.time.format(end)} (${zone})`;
}

/** "2026年6月9日星期二 14:00" / "Tue, Jun 9, 2026, 14:00" in the reader's zone: a deadline. */
export function formatMoment(at: Date, zone: string, locale: Locale): string {
  return formatsFor(zone, locale).moment.format(at);
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

/**
 * The first mails of a new booking, queued by the booking's own INSERT statement as small rows
 * (template, address, the booking as it was made) that the outbox worker renders when it sends them
 * (`renderFirst`): the confirmation with its invite to each side that gets mail (channelsFor), or,
 * when the mentor confirms first (`manual`, a boolean parameter), the request to both sides with an
 * address. `ins` names the statement's CTE of the inserted booking.
 */
export function firstMailsStatement(ins: string, manual: string): string {
  return enqueueLateStatement(`SELECT CASE WHEN ${manual} THEN 'bookingRequested' ELSE 'bookingConfirmed' END, u.email,
         jsonb_build_object('bookingId', i.id, 'mentorId', i.mentor_id,
                            'role', CASE WHEN u.id = i.founder_id THEN 'founder' ELSE 'mentor' END,
                            'sequence', i.sequence,
                            'startsAt', (extract(epoch FROM i.starts_at) * 1000)::bigint,
                            'endsAt', (extract(epoch FROM i.ends_at) * 1000)::bigint,
                            'answerBy', (extract(epoch FROM i.request_expires_at) * 1000)::bigint),
         i.organization_id
    FROM ${ins} i JOIN users u ON u.id IN (i.founder_id, i.mentor_id)
   WHERE CASE WHEN ${manual} THEN ${USER_HAS_MAIL_SQL} ELSE ${USER_GETS_MAIL_SQL} END
   ORDER BY u.id = i.mentor_id`);
}

/**
 * The confirmation texts of a booking CTE `ins` inserted confirmed (a request gets none until the
 * mentor accepts), to each side that gets texts: the other side's name cut to 12 characters and the
 * start as `at` and the reader's `zone`, from which the outbox worker writes the time in the reader's
 * language (textParams).
 */
export const firstTextsStatement = (ins: string) =>
  enqueueTextStatement(`SELECT u.verified_phone, 'booking_confirmed', u.locale,
         jsonb_build_object('other', left(o.display_name, 12),
                            'at', (extract(epoch FROM i.starts_at) * 1000)::bigint, 'zone', u.time_zone)
    FROM ${ins} i
    CROSS JOIN LATERAL (VALUES (i.founder_id, i.mentor_id), (i.mentor_id, i.founder_id)) AS side(reader, other)
    JOIN users u ON u.id = side.reader
    JOIN users o ON o.id = side.other
   WHERE i.status = 'confirmed' AND ${USER_GETS_SMS_SQL}`);

/** The office-hour mails, written to the outbox in the caller's transaction. */
@Injectable()
export class BookingMails {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sms: SmsService,
    renderers: OutboxRenderers,
  ) {
    renderers.register('bookingConfirmed', (m, params) => this.renderFirst(m, 'bookingConfirmed', params));
    renderers.register('bookingRequested', (m, params) => this.renderFirst(m, 'bookingRequested', params));
  }

  /**
   * A new booking's first mail (firstMailsStatement), rendered by the outbox worker: the booking as it
   * was made (time, sequence, status), so a move or a cancellation before the worker's pass leaves
   * this mail as it would have been, and is told by its own mail.
   */
  async renderFirst(
    m: EntityManager,
    template: 'bookingConfirmed' | 'bookingRequested',
    params: Record<string, unknown>,
  ): Promise<LateMail | null> {
    const now = (await this.load(m, String(params.bookingId), String(params.mentorId))) as
      BookingRow | undefined;
    if (!now) return null;
    const r: BookingRow = {
      ...now,
      status: template === 'bookingConfirmed' ? 'confirmed' : 'requested',
      sequence: Number(params.sequence),
      starts_at: new Date(Number(params.startsAt)),
      ends_at: new Date(Number(params.endsAt)),
      request_expires_at: params.answerBy == null ? null : new Date(Number(params.answerBy)),
    };
    const p = parties(r).find((x) => x.role === params.role);
    if (!p?.email) return null;
    if (template === 'bookingConfirmed') {
      const mail = render(template, p.locale, this.confirmedParams(r, p));
      return { ...mail, attachments: this.invite(r, p, 'REQUEST') };
    }
    return { ...render(template, p.locale, this.requestedParams(r, p)), attachments: [] };
  }

  private confirmedParams(r: BookingRow, p: Party) {
    return {
      ...this.common(r, p),
      place: placeOf(r, p.locale),
      bookingsUrl: `${this.config.publicUrl}/me/bookings`,
    };
  }

  private requestedParams(r: BookingRow, p: Party) {
    return {
      ...this.common(r, p),
      answerBy: formatMoment(r.request_expires_at!, p.timeZone, p.locale),
      intake: r.intake_answers.map((a) => `${a.label}：${a.answer}`),
      bookingsUrl: `${this.config.publicUrl}/me/bookings`,
    };
  }

  /**
   * Confirmations, cancellations and reminders go by mail, text or both by each side's choice
   * (channelsFor): texts are queued here, and the answer says who also gets the mail.
   */
  private async text(m: EntityManager, kind: NoticeKind, r: BookingRow): Promise<Set<string>> {
    const users: {
      id: string;
      locale: Locale;
      time_zone: string;
      verified_phone: string | null;
      has_mail: boolean;
      notification_channels: NotificationChannels;
    }[] = await m.query(
      `SELECT id, locale, time_zone, verified_phone, notification_channels,
              (email IS NOT NULL AND email_verified_at IS NOT NULL) AS has_mail
         FROM users WHERE id = ANY($1)`,
      [[r.founder_id, r.mentor_id]],
    );
    const mailed = new Set<string>();
    const texts: { to: string; locale: Locale; params: Record<string, string> }[] = [];
    for (const u of users) {
      const c = channelsFor(u.notification_channels, u.has_mail, u.verified_phone !== null);
      if (c.mail) mailed.add(u.id);
      if (!c.sms) continue;
      const other = u.id === r.founder_id ? r.mentor_name : r.founder_name;
      texts.push({
        to: u.verified_phone!,
        locale: u.locale,
        params: { other: other.slice(0, 12), when: shortWhen(r.starts_at, u.time_zone, u.locale) },
      });
    }
    await this.sms.enqueueNotices(m, kind, texts);
    return mailed;
  }

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
    const mailed = await this.text(m, 'booking_confirmed', r);
    for (const p of parties(r)) {
      if (!mailed.has(p.id)) continue;
      await this.notifications.enqueue(
        m,
        'bookingConfirmed',
        { email: p.email, locale: p.locale },
        this.confirmedParams(r, p),
        { organizationId: r.organization_id, attachments: this.invite(r, p, 'REQUEST') },
      );
    }
  }

  async cancelled(m: EntityManager, bookingId: string, byUserId: string): Promise<void> {
    const r = await this.load(m, bookingId);
    const mailed = await this.text(m, 'booking_cancelled', r);
    for (const p of parties(r)) {
      if (!mailed.has(p.id)) continue;
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
        this.requestedParams(r, p),
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
    const mailed = await this.text(m, 'booking_reminder', r);
    for (const p of parties(r)) {
      if (!mailed.has(p.id)) continue;
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

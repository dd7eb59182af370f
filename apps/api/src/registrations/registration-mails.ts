import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale, NotificationChannels } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventCalendarService } from '../events/event-calendar.service';
import type { EventSession } from '../events/event.record';
import type { Event } from '../events/event.record';
import { EventsService } from '../events/events.service';
import { buildIcs, icsAttachment, type IcsMethod } from '../notifications/ics';
import { render } from '../notifications/templates';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxRenderers, type LateMail } from '../notifications/outbox-renderers';
import type { EventTemplates } from '../notifications/templates/events';
import { SmsService } from '../notifications/sms/sms.service';
import { channelsFor, shortTitle, shortWhen, type NoticeKind } from '../notifications/sms/sms-texts';

const formats = new Map<
  string,
  { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }
>();

/** Building an Intl.DateTimeFormat costs far more than using one: one set per language and zone. */
function formatsFor(locale: Locale, timeZone: string) {
  const key = `${locale} ${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    const tag = locale === 'zh-CN' ? 'zh-CN' : 'en-GB';
    f = {
      day: new Intl.DateTimeFormat(tag, {
        timeZone,
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        weekday: 'short',
      }),
      time: new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      zone: new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' }),
    };
    formats.set(key, f);
  }
  return f;
}

/** One line per session: date, weekday and hours in the carrier's zone, in the reader's language. */
export function formatSession(locale: Locale, timeZone: string, start: Date, end: Date): string {
  const f = formatsFor(locale, timeZone);
  const zone = f.zone.formatToParts(start).find((p) => p.type === 'timeZoneName')?.value;
  return `${f.day.format(start)} ${f.time.format(start)}–${f.time.format(end)} (${zone})`;
}

/**
 * The calendar invite is the same for every registrant of an event (a rush renders it thousands of
 * times): kept for a minute per event version, so its DTSTAMP stays within a minute of the mail.
 */
const INVITE_TTL_MS = 60_000;
const invites = new Map<string, { at: number; attachments: string }>();

type Template = Exclude<keyof EventTemplates, never>;

/** The registrants' notices that also go by text (the others are mail only). */
const TEXTED: Partial<Record<Template, NoticeKind>> = {
  registrationConfirmed: 'registration_confirmed',
  registrationApproved: 'registration_confirmed',
  registrationWaitlisted: 'registration_waitlisted',
  registrationPromoted: 'registration_promoted',
  sessionReminder: 'session_reminder',
  eventChanged: 'event_changed',
  eventCancelled: 'event_cancelled',
};

/** The parameters of a registrant's text: short title, start of the first session, waitlist place. */
export function noticeParams(
  event: Pick<Event, 'title' | 'startsAt'>,
  sessions: Pick<EventSession, 'startsAt'>[],
  timeZone: string,
  locale: Locale,
  position = 0,
): Record<string, string> {
  const start = sessions[0]?.startsAt ?? event.startsAt;
  return {
    event: shortTitle(event.title),
    when: shortWhen(start, timeZone, locale),
    position: String(position),
  };
}

/** The event fields a registrant's mail shows. */
type MailEvent = Pick<Event, 'id' | 'title' | 'description' | 'sequence' | 'onlineUrl'>;

/** A rendered mail ready for an outbox row (attachments as JSON text). */
export interface PreparedMail {
  template: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  attachments: string;
}

export interface MailTarget {
  userId: string;
  position?: number;
}

/** Renders and queues registrants' mails for one event, with the calendar invite where it belongs. */
@Injectable()
export class RegistrationMails {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly events: EventsService,
    private readonly calendar: EventCalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sms: SmsService,
    renderers: OutboxRenderers,
  ) {
    renderers.register('registrationConfirmed', (m, params) =>
      this.renderConfirmation(m, String(params.registrationId)),
    );
  }

  /**
   * The confirmation the registration hot path queued as a small row, rendered by the outbox worker
   * when it sends it: the event, its sessions and place as they are then, with the invite.
   */
  async renderConfirmation(m: EntityManager, registrationId: string): Promise<LateMail | null> {
    const [reg]: { event_id: string; email: string | null; locale: Locale; display_name: string }[] =
      await m.query(
        `SELECT r.event_id, u.email, u.locale, u.display_name
           FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.id = $1`,
        [registrationId],
      );
    if (!reg?.email) return null;
    const event = await this.events.findById(m, reg.event_id);
    if (!event) return null;
    const sessions = await this.events.sessionsOf(m, event.id);
    const [place]: { time_zone: string; venue: string | null }[] = await m.query(
      `SELECT o.time_zone, NULLIF(concat_ws(' · ', v.name, v.address), '') AS venue
         FROM organizations o LEFT JOIN venues v ON v.id = $2 WHERE o.id = $1`,
      [event.organizationId, event.venueId],
    );
    const mail = this.prepare(
      'registrationConfirmed',
      event,
      sessions,
      { timeZone: place.time_zone, venue: place.venue },
      { email: reg.email, locale: reg.locale, displayName: reg.display_name },
      { ics: 'REQUEST' },
    );
    return {
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: JSON.parse(mail.attachments) as LateMail['attachments'],
    };
  }

  /**
   * Renders one mail without touching the database, from what the caller already read: registering
   * prepares its confirmation before taking a seat, so the seat's statement can queue it at once.
   */
  prepare(
    template: Template,
    event: MailEvent,
    sessions: Pick<EventSession, 'id' | 'startsAt' | 'endsAt' | 'title'>[],
    place: { timeZone: string; venue: string | null },
    user: { email: string; locale: Locale; displayName: string },
    options: { ics?: IcsMethod; position?: number } = {},
  ): PreparedMail {
    let attachments = '[]';
    if (options.ics) {
      const key = JSON.stringify([
        options.ics,
        place.timeZone,
        place.venue,
        event.id,
        event.sequence,
        event.title,
        event.description,
        event.onlineUrl,
        sessions.map((s) => [s.id, s.startsAt.getTime(), s.endsAt.getTime(), s.title]),
      ]);
      const now = Date.now();
      let invite = invites.get(key);
      if (!invite || now - invite.at > INVITE_TTL_MS) {
        if (invites.size >= 500) invites.clear();
        const ics = buildIcs(
          options.ics,
          place.timeZone,
          this.calendar.entries(event, sessions, place.venue),
        );
        invite = { at: now, attachments: JSON.stringify([icsAttachment(ics, options.ics, 'event.ics')]) };
        invites.set(key, invite);
      }
      attachments = invite.attachments;
    }
    const params = {
      displayName: user.displayName,
      eventTitle: event.title,
      when: sessions.map((s) => formatSession(user.locale, place.timeZone, s.startsAt, s.endsAt)),
      place: place.venue ?? event.onlineUrl,
      eventUrl: `${this.config.publicUrl}/events/${event.id}`,
      ticketUrl: `${this.config.publicUrl}/me/registrations`,
      position: options.position ?? 0,
    };
    const mail = render(template, user.locale, params);
    return {
      template,
      recipient: user.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments,
    };
  }

  async send(
    m: EntityManager,
    template: Template,
    event: Event,
    targets: MailTarget[],
    options: { ics?: IcsMethod; sessions?: EventSession[] } = {},
  ): Promise<void> {
    if (targets.length === 0) return;
    const sessions = options.sessions ?? (await this.events.sessionsOf(m, event.id, event.organizationId));
    const [place]: { time_zone: string; venue: string | null }[] = await m.query(
      `SELECT o.time_zone, NULLIF(concat_ws(' · ', v.name, v.address), '') AS venue
         FROM organizations o LEFT JOIN venues v ON v.id = $2 AND v.organization_id = $1 WHERE o.id = $1`,
      [event.organizationId, event.venueId],
    );
    const users: {
      id: string;
      email: string | null;
      locale: Locale;
      display_name: string;
      verified_phone: string | null;
      has_mail: boolean;
      notification_channels: NotificationChannels;
    }[] = await m.query(
      `SELECT id, email, locale, display_name, verified_phone, notification_channels,
              (email IS NOT NULL AND email_verified_at IS NOT NULL) AS has_mail
         FROM users WHERE id = ANY($1)`,
      [targets.map((t) => t.userId)],
    );
    const byId = new Map(users.map((u) => [u.id, u]));
    const kind = TEXTED[template];
    // A notice with a text version goes by the person's choice; a mail-only one by mail as before.
    const channels = (u: (typeof users)[number]) =>
      kind
        ? channelsFor(u.notification_channels, u.has_mail, u.verified_phone !== null)
        : { mail: true, sms: false };
    if (kind)
      await this.sms.enqueueNotices(
        m,
        kind,
        targets.flatMap((t) => {
          const u = byId.get(t.userId);
          if (!u || !channels(u).sms) return [];
          return [
            {
              to: u.verified_phone!,
              locale: u.locale,
              params: noticeParams(event, sessions, place.time_zone, u.locale, t.position),
            },
          ];
        }),
      );
    // Only an invite (REQUEST) goes to people who may join: the meeting link travels with it alone.
    const joining = options.ics === 'REQUEST';
    const link = joining ? event.onlineUrl : null;
    const attachments = options.ics
      ? [
          icsAttachment(
            await this.calendar.invite(m, options.ics, { ...event, onlineUrl: link } as Event, sessions),
            options.ics,
            'event.ics',
          ),
        ]
      : [];
    const eventUrl = `${this.config.publicUrl}/events/${event.id}`;
    const ticketUrl = `${this.config.publicUrl}/me/registrations`;
    const hoursAhead = (sessions[0].startsAt.getTime() - Date.now()) / 3_600_000;
    await this.notifications.enqueueMany(
      m,
      template,
      targets.flatMap((t) => {
        const u = byId.get(t.userId);
        if (!u || !channels(u).mail) return [];
        const params = {
          displayName: u.display_name,
          eventTitle: event.title,
          when: sessions.map((s) => formatSession(u.locale, place.time_zone, s.startsAt, s.endsAt)),
          place: place.venue ?? link,
          eventUrl,
          ticketUrl,
          position: t.position ?? 0,
          hoursAhead,
        };
        return [{ to: { email: u.email, locale: u.locale }, params, attachments }];
      }),
      { organizationId: event.organizationId },
    );
  }
}

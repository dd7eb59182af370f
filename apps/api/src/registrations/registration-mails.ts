import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventCalendarService } from '../events/event-calendar.service';
import type { EventSession } from '../events/event-session.entity';
import type { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { icsAttachment, type IcsMethod } from '../notifications/ics';
import { NotificationsService } from '../notifications/notifications.service';
import type { EventTemplates } from '../notifications/templates/events';

/** One line per session: date, weekday and hours in the carrier's zone, in the reader's language. */
export function formatSession(locale: Locale, timeZone: string, start: Date, end: Date): string {
  const tag = locale === 'zh-CN' ? 'zh-CN' : 'en-GB';
  const day = new Intl.DateTimeFormat(tag, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(start);
  const time = new Intl.DateTimeFormat(tag, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const zone = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(start)
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${day} ${time.format(start)}–${time.format(end)} (${zone})`;
}

type Template = Exclude<keyof EventTemplates, never>;

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
  ) {}

  async send(
    m: EntityManager,
    template: Template,
    event: Event,
    targets: MailTarget[],
    options: { ics?: IcsMethod; sessions?: EventSession[] } = {},
  ): Promise<void> {
    if (targets.length === 0) return;
    const sessions = options.sessions ?? (await this.events.sessionsOf(m, event.id));
    const [place]: { time_zone: string; venue: string | null }[] = await m.query(
      `SELECT o.time_zone, NULLIF(concat_ws(' · ', v.name, v.address), '') AS venue
         FROM organizations o LEFT JOIN venues v ON v.id = $2 WHERE o.id = $1`,
      [event.organizationId, event.venueId],
    );
    const users: { id: string; email: string; locale: Locale; display_name: string }[] = await m.query(
      `SELECT id, email, locale, display_name FROM users WHERE id = ANY($1)`,
      [targets.map((t) => t.userId)],
    );
    const byId = new Map(users.map((u) => [u.id, u]));
    const attachments = options.ics
      ? [icsAttachment(await this.calendar.invite(m, options.ics, event, sessions), options.ics, 'event.ics')]
      : [];
    const eventUrl = `${this.config.publicUrl}/events/${event.id}`;
    const ticketUrl = `${this.config.publicUrl}/me/registrations`;
    await this.notifications.enqueueMany(
      m,
      template,
      targets.flatMap((t) => {
        const u = byId.get(t.userId);
        if (!u) return [];
        const params = {
          displayName: u.display_name,
          eventTitle: event.title,
          when: sessions.map((s) => formatSession(u.locale, place.time_zone, s.startsAt, s.endsAt)),
          place: place.venue ?? event.onlineUrl,
          eventUrl,
          ticketUrl,
          position: t.position ?? 0,
        };
        return [{ to: { email: u.email, locale: u.locale }, params, attachments }];
      }),
      { organizationId: event.organizationId },
    );
  }
}

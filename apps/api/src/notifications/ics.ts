import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MailAttachment } from './mail-attachment';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface IcsEntry {
  /** Stable across updates (e.g. `session-<id>@wutong`): calendars match updates and cancellations by it. */
  uid: string;
  /** Raised on every change of time or place, so calendars take the newer version. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string | null;
  url?: string | null;
  cancelled?: boolean;
}

export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

/**
 * An iCalendar file: one VEVENT per entry, times written in `timeZone` (with its VTIMEZONE) so that
 * calendars show the carrier's or mentor's wall-clock time. REQUEST for invites, CANCEL for
 * cancellations, PUBLISH for subscribed feeds.
 */
export function buildIcs(
  method: IcsMethod,
  timeZone: string,
  entries: IcsEntry[],
  name = '梧桐 Wutong',
): string {
  const calendar = ical({
    name,
    method: ICalCalendarMethod[method],
    prodId: { company: 'Wutong', product: 'Wutong', language: 'ZH' },
  });
  calendar.timezone({ name: timeZone, generator: getVtimezoneComponent });
  for (const e of entries) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      start: dayjs(e.start).tz(timeZone),
      end: dayjs(e.end).tz(timeZone),
      timezone: timeZone,
      summary: e.summary,
      description: e.description,
      location: e.location ?? undefined,
      url: e.url ?? undefined,
      status: e.cancelled || method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: { name: '梧桐 Wutong', email: 'no-reply@wutong.local' },
    });
  }
  return calendar.toString();
}

/** The .ics as a mail attachment (text/calendar with its method, as mail clients expect for invites). */
export function icsAttachment(ics: string, method: IcsMethod, filename = 'invite.ics'): MailAttachment {
  return { filename, contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics };
}

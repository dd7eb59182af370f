import type { EventSummary, EventStatus, EventType, VenueView } from '@wutong/shared';
import { eventImageUrl, eventThumbnailUrl } from '../event-images/image-urls';

/** A row of the listing query: the event with its carrier and venue. */
export interface EventRow {
  id: string;
  organization_id: string;
  organization_name: string;
  time_zone: string;
  type: EventType;
  title: string;
  status: EventStatus;
  starts_at: Date;
  ends_at: Date;
  session_count: number;
  venue_id: string | null;
  venue_name: string | null;
  venue_address: string | null;
  venue_capacity: number | null;
  online_url: string | null;
  capacity: number;
  seats_taken: number;
  waitlist_enabled: boolean;
  approval_required: boolean;
  registration_opens_at: Date | null;
  registration_closes_at: Date | null;
  series_id: string | null;
  cover_image_id: string | null;
  total?: string;
}

/** The SELECT list and joins every event read uses (alias e). */
export const EVENT_ROW_SQL = `
  SELECT e.id, e.organization_id, o.name AS organization_name, o.time_zone, e.type, e.title, e.status,
         e.starts_at, e.ends_at,
         (SELECT count(*)::int FROM event_sessions s WHERE s.event_id = e.id AND s.organization_id = e.organization_id) AS session_count,
         e.venue_id, v.name AS venue_name, v.address AS venue_address, v.capacity AS venue_capacity,
         e.online_url, e.capacity, e.seats_taken, e.waitlist_enabled, e.approval_required,
         e.registration_opens_at, e.registration_closes_at, e.series_id,
         (SELECT i.id FROM event_images i
           WHERE i.event_id = e.id AND i.organization_id = e.organization_id AND i.kind = 'cover') AS cover_image_id`;
export const EVENT_FROM_SQL = `
    FROM events e
    JOIN organizations o ON o.id = e.organization_id
    LEFT JOIN venues v ON v.id = e.venue_id AND v.organization_id = e.organization_id`;

/** Registration is open: published, inside its window, before the first session starts. */
export function registrationOpen(
  e: Pick<EventRow, 'status' | 'registration_opens_at' | 'registration_closes_at' | 'starts_at'>,
  now = new Date(),
): boolean {
  if (e.status !== 'published') return false;
  if (e.registration_opens_at && now < e.registration_opens_at) return false;
  return now < (e.registration_closes_at ?? e.starts_at);
}

/**
 * An event as lists and pages show it. `withLink`: the viewer may join (a confirmed registrant or one
 * of its organizers) and sees the meeting link; everyone else only learns that there is one.
 */
export function toEventSummary(r: EventRow, withLink = false, now = new Date()): EventSummary {
  const venue: VenueView | null = r.venue_id
    ? {
        id: r.venue_id,
        organizationId: r.organization_id,
        name: r.venue_name!,
        address: r.venue_address,
        capacity: r.venue_capacity,
      }
    : null;
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    timeZone: r.time_zone,
    type: r.type,
    title: r.title,
    status: r.status,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    sessionCount: r.session_count,
    venue,
    online: r.online_url !== null,
    onlineUrl: withLink ? r.online_url : null,
    capacity: r.capacity,
    seatsTaken: r.seats_taken,
    seatsLeft: Math.max(0, r.capacity - r.seats_taken),
    waitlistEnabled: r.waitlist_enabled,
    approvalRequired: r.approval_required,
    registrationOpensAt: r.registration_opens_at?.toISOString() ?? null,
    registrationClosesAt: r.registration_closes_at?.toISOString() ?? null,
    registrationOpen: registrationOpen(r, now),
    seriesId: r.series_id,
    coverUrl: r.cover_image_id ? eventImageUrl(r.id, r.cover_image_id) : null,
    coverThumbnailUrl: r.cover_image_id ? eventThumbnailUrl(r.id, r.cover_image_id) : null,
  };
}

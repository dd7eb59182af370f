import type { EntityManager } from 'typeorm';
import type { RegistrationView } from '@wutong/shared';
import type { EventSession } from './event.record';
import type { Event } from './event.record';

/**
 * What the registrations feature does when an event changes, called inside the event's transaction.
 * Registrations depend on events, not the other way round: RegistrationsModule registers these with
 * EventsService.useHooks at start-up.
 */
export interface EventHooks {
  /** Capacity went up: promote as many waitlisted people as now fit. */
  capacityRaised(m: EntityManager, event: Event): Promise<void>;
  /** Time or place of a published event changed: tell confirmed registrants, with an updated invite. */
  scheduleChanged(m: EntityManager, event: Event, sessions: EventSession[]): Promise<void>;
  /** The event was cancelled: tell every active registrant. */
  cancelled(m: EntityManager, event: Event, sessions: EventSession[]): Promise<void>;
  /** The caller's own registration and the waitlist length, for the event page. */
  registrationInfo(
    eventId: string,
    userId: string | null,
    organizationId: string,
  ): Promise<{ waitlistCount: number; mine: RegistrationView | null }>;
}

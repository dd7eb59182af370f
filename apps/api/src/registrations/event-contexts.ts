import { CappedMap } from '../common/memory/capped-map';
import type { RegistrationContext } from './registrations.queries';

/** An event's registration context without the registrant (who comes with the session). */
export type EventContext = Omit<RegistrationContext, 'user'>;

/**
 * Registration contexts per event, as last read by this process. Never trusted on its own: a request
 * decides on it only to take the fast path, whose statement takes a seat only while the event's
 * context_version is still the one read here; anything else (a changed event, a full one, a closed
 * window, wrong answers) reads the event again (RegistrationsService.register).
 */
export class EventContexts {
  private readonly byEvent = new CappedMap<string, EventContext>(10_000);

  get(eventId: string): EventContext | undefined {
    return this.byEvent.get(eventId);
  }

  remember(context: RegistrationContext): void {
    const { user: _user, ...event } = context;
    this.byEvent.set(event.event.id, event);
  }

  forget(eventId: string): void {
    this.byEvent.delete(eventId);
  }
}

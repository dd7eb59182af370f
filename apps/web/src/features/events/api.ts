import type {
  CreateEventRequest,
  CreateSeriesRequest,
  CreateVenueRequest,
  EventListQuery,
  EventSummary,
  EventView,
  ManagedEventListQuery,
  MyRegistrationView,
  Page,
  RegisterRequest,
  RegistrantView,
  RegistrationStatus,
  RegistrationView,
  SeriesView,
  UpdateEventRequest,
  VenueView,
} from '@wutong/shared';
import { PUBLIC_EVENTS_PAGE_SIZE } from '@wutong/shared';
import { queryString, request } from '../../shared/api/client';
import { takeServerEvent, takeServerList } from '../../shared/ssr';

export const eventsApi = {
  list: (query: EventListQuery) => {
    const rendered = takeServerList(query, PUBLIC_EVENTS_PAGE_SIZE);
    return rendered ? Promise.resolve(rendered) : request<Page<EventSummary>>(`/events${queryString(query)}`);
  },
  get: (id: string) => {
    const rendered = takeServerEvent(id);
    return rendered ? Promise.resolve(rendered) : request<EventView>(`/events/${id}`);
  },
  register: (id: string, body: RegisterRequest) =>
    request<RegistrationView>(`/events/${id}/registrations`, { method: 'POST', body }),
  /** Public .ics of a published event, for "add to calendar". */
  calendarUrl: (id: string) => `/api/events/${id}/calendar.ics`,
  /** A PNG poster with a QR code of the event page, to share in chat groups. */
  posterUrl: (id: string) => `/api/events/${id}/poster.png`,
};

export const myRegistrationsApi = {
  list: () => request<MyRegistrationView[]>('/me/registrations'),
  cancel: (id: string) => request<RegistrationView>(`/registrations/${id}/cancel`, { method: 'POST' }),
};

export const manageEventsApi = {
  list: (query: ManagedEventListQuery) => request<Page<EventSummary>>(`/manage/events${queryString(query)}`),
  create: (body: CreateEventRequest) => request<EventView>('/events', { method: 'POST', body }),
  update: (id: string, body: UpdateEventRequest) =>
    request<EventView>(`/events/${id}`, { method: 'PATCH', body }),
  publish: (id: string) => request<EventView>(`/events/${id}/publish`, { method: 'POST' }),
  cancel: (id: string) => request<EventView>(`/events/${id}/cancel`, { method: 'POST' }),
  registrants: (id: string, status?: RegistrationStatus) =>
    request<RegistrantView[]>(`/events/${id}/registrations${queryString({ status })}`),
  approve: (id: string) => request<RegistrationView>(`/registrations/${id}/approve`, { method: 'POST' }),
  reject: (id: string) => request<RegistrationView>(`/registrations/${id}/reject`, { method: 'POST' }),
  cancelRegistration: (id: string) =>
    request<RegistrationView>(`/registrations/${id}/cancel`, { method: 'POST' }),
  duplicate: (id: string, startsAt: string) =>
    request<EventView>(`/events/${id}/duplicate`, { method: 'POST', body: { startsAt } }),
  createSeries: (id: string, body: CreateSeriesRequest) =>
    request<SeriesView>(`/events/${id}/series`, { method: 'POST', body }),
  series: (seriesId: string) => request<SeriesView>(`/series/${seriesId}`),
  publishSeries: (seriesId: string) => request<SeriesView>(`/series/${seriesId}/publish`, { method: 'POST' }),
  cancelSeries: (seriesId: string) => request<SeriesView>(`/series/${seriesId}/cancel`, { method: 'POST' }),
};

export const venuesApi = {
  list: (organizationId: string) => request<VenueView[]>(`/organizations/${organizationId}/venues`),
  create: (organizationId: string, body: CreateVenueRequest) =>
    request<VenueView>(`/organizations/${organizationId}/venues`, { method: 'POST', body }),
};

/** A mentor as the speaker picker needs it; GET /mentors may answer a list or a page. */
export interface MentorOption {
  id: string;
  displayName: string;
}

export async function searchMentors(q: string): Promise<MentorOption[]> {
  const body = await request<unknown>(`/mentors${queryString({ q })}`);
  const items: unknown[] = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)
      ? (body as { items: unknown[] }).items
      : [];
  return items.flatMap((item) => {
    if (!item || typeof item !== 'object') return [];
    const m = item as {
      id?: unknown;
      userId?: unknown;
      displayName?: unknown;
      user?: { id?: unknown; displayName?: unknown };
    };
    const id = m.userId ?? m.user?.id ?? m.id;
    const name = m.displayName ?? m.user?.displayName;
    return typeof id === 'string' && typeof name === 'string' ? [{ id, displayName: name }] : [];
  });
}

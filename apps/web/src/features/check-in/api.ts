import type {
  AttendeeSearchResult,
  CheckInRequest,
  CheckInResponse,
  EventSummary,
  EventView,
  Page,
  SelfCheckInCode,
  SessionLiveCount,
} from '@wutong/shared';
import { queryString as query, request } from '../../shared/api/client';
import { downloadFile } from '../../shared/api/download';

export const checkInApi = {
  /**
   * Events the caller works the door of (their carriers' and co-hosted ones, as organizer or door
   * staff; published or completed), from a month back.
   */
  events: (from: string) =>
    request<Page<EventSummary>>(`/door/events${query({ from, pageSize: 100, page: 1 })}`),
  event: (id: string) => request<EventView>(`/events/${id}`),
  checkIn: (sessionId: string, body: CheckInRequest) =>
    request<CheckInResponse>(`/sessions/${sessionId}/check-ins`, { method: 'POST', body }),
  live: (sessionId: string) => request<SessionLiveCount>(`/sessions/${sessionId}/check-ins`),
  undo: (checkInId: string) => request<void>(`/check-ins/${checkInId}`, { method: 'DELETE' }),
  search: (eventId: string, q: string, sessionId: string) =>
    request<AttendeeSearchResult[]>(`/events/${eventId}/attendees${query({ q, sessionId })}`),
  selfCheckInCode: (sessionId: string) =>
    request<SelfCheckInCode>(`/sessions/${sessionId}/self-check-in-code`),
  /** The session's printable sign-in sheet: blank, or filled with check-in times and walk-ins. */
  signInSheet: (sessionId: string, filled: boolean, fileName: string) =>
    downloadFile(`/sessions/${sessionId}/sign-in-sheet.pdf${query({ filled })}`, fileName),
  selfCheckIn: (sessionId: string, code: string) =>
    request<CheckInResponse>(`/sessions/${sessionId}/self-check-in`, { method: 'POST', body: { code } }),
};

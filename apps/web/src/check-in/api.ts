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
import { ApiError, request } from '../api/client';
import { readToken } from '../api/token';
import { currentLocale } from '../i18n';

/** An API error that keeps the body's `details` object (NOT_CONFIRMED's name, CHECK_IN_CLOSED's window). */
export class DetailedApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(status, code, message);
  }
}

/**
 * POSTs to `/api{path}` like `request`, but keeps the error details and tells a new record (201) from
 * a repeat (200), which the door's feedback needs.
 */
async function post<T>(path: string, body: unknown): Promise<T> {
  const token = readToken();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLocale(),
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new DetailedApiError(0, 'NETWORK', 'Network error', {});
  }
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // a proxy's error page
  }
  if (!response.ok) {
    const error = (json ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    const details =
      error.details && typeof error.details === 'object' && !Array.isArray(error.details)
        ? (error.details as Record<string, unknown>)
        : {};
    throw new DetailedApiError(
      response.status,
      typeof error.code === 'string' ? error.code : response.status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN',
      typeof error.message === 'string' ? error.message : '',
      details,
    );
  }
  return json as T;
}

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const checkInApi = {
  /** Events the organizer may check people in to (their carriers'), from a month back. */
  events: (from: string) =>
    request<Page<EventSummary>>(`/manage/events${query({ from, pageSize: 100, page: 1 })}`),
  event: (id: string) => request<EventView>(`/events/${id}`),
  checkIn: (sessionId: string, body: CheckInRequest) =>
    post<CheckInResponse>(`/sessions/${sessionId}/check-ins`, body),
  live: (sessionId: string) => request<SessionLiveCount>(`/sessions/${sessionId}/check-ins`),
  undo: (checkInId: string) => request<void>(`/check-ins/${checkInId}`, { method: 'DELETE' }),
  search: (eventId: string, q: string, sessionId: string) =>
    request<AttendeeSearchResult[]>(`/events/${eventId}/attendees${query({ q, sessionId })}`),
  selfCheckInCode: (sessionId: string) =>
    request<SelfCheckInCode>(`/sessions/${sessionId}/self-check-in-code`),
  selfCheckIn: (sessionId: string, code: string) =>
    post<CheckInResponse>(`/sessions/${sessionId}/self-check-in`, { code }),
};

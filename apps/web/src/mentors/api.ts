import type {
  AvailabilityRequest,
  AvailabilityView,
  BookingView,
  CalendarTokenView,
  CreateBookingRequest,
  FeedbackRequest,
  LedgerView,
  MentorListQuery,
  MentorProfileRequest,
  MentorSummary,
  MentorView,
  NoShowContestView,
  NextSlotView,
  SlotView,
} from '@wutong/shared';
import { ApiError, request } from '../api/client';
import { downloadFile } from '../api/download';
import { readToken } from '../api/token';
import { currentLocale } from '../i18n';

function query(values: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const mentorsApi = {
  list: (q: MentorListQuery) => request<MentorSummary[]>(`/mentors${query(q)}`),
  get: (id: string) => request<MentorView>(`/mentors/${id}`),
  slots: (id: string, from: string, to: string) =>
    request<SlotView[]>(`/mentors/${id}/slots${query({ from, to })}`),
  nextSlot: (id: string, from?: string) =>
    request<NextSlotView>(`/mentors/${id}/next-slot${query({ from })}`),
  mine: () => request<MentorView>('/me/mentor-profile'),
  updateProfile: (body: MentorProfileRequest) =>
    request<MentorView>('/me/mentor-profile', { method: 'PUT', body }),
  updateAvailability: (body: AvailabilityRequest) =>
    request<AvailabilityView>('/me/availability', { method: 'PUT', body }),
  invite: (email: string) => request<unknown>('/mentor-invitations', { method: 'POST', body: { email } }),
  accept: (token: string) =>
    request<{ roles: string[] }>('/mentor-invitations/accept', { method: 'POST', body: { token } }),
  ledger: (id: string, year: number) => request<LedgerView>(`/mentors/${id}/ledger${query({ year })}`),
  /** The CSV as a file download (it needs the bearer token, so not a plain link). */
  downloadLedgerCsv: (id: string, year: number) =>
    downloadFile(`/mentors/${id}/ledger.csv${query({ year })}`, `mentor-ledger-${year}.csv`),
};

/** Booking with an Idempotency-Key, so a retried tap never books twice. */
async function book(mentorId: string, body: CreateBookingRequest, key: string): Promise<BookingView> {
  const token = readToken();
  let response: Response;
  try {
    response = await fetch(`/api/mentors/${mentorId}/bookings`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Accept-Language': currentLocale(),
        'Idempotency-Key': key,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  const json = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, json.code ?? 'UNKNOWN', json.message ?? '');
  return json as unknown as BookingView;
}

export const bookingsApi = {
  book,
  mine: () => request<BookingView[]>('/me/bookings'),
  cancel: (id: string, reason?: string) =>
    request<BookingView>(`/bookings/${id}/cancel`, { method: 'POST', body: { reason: reason || null } }),
  complete: (id: string) => request<BookingView>(`/bookings/${id}/complete`, { method: 'POST' }),
  noShow: (id: string, note?: string) =>
    request<BookingView>(`/bookings/${id}/no-show`, { method: 'POST', body: { note: note || null } }),
  contest: (id: string, reason: string) =>
    request<BookingView>(`/bookings/${id}/contest`, { method: 'POST', body: { reason } }),
  contests: (status: 'open' | 'decided') =>
    request<NoShowContestView[]>(`/no-show-contests${query({ status })}`),
  decide: (id: string, decision: 'uphold' | 'overturn', note?: string) =>
    request<NoShowContestView>(`/bookings/${id}/contest/decision`, {
      method: 'POST',
      body: { decision, note: note || null },
    }),
  feedback: (id: string, body: FeedbackRequest) =>
    request<BookingView>(`/bookings/${id}/feedback`, { method: 'POST', body }),
  calendarToken: () => request<CalendarTokenView>('/me/calendar-token', { method: 'POST' }),
};

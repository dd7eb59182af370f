import type {
  BookingView,
  CalendarTokenView,
  CreateBookingRequest,
  FeedbackRequest,
  BookingSuspensionView,
  CoachingRecordRequest,
  CoachingRecordsView,
  NoShowContestView,
  SuspendedFounderView,
} from '@wutong/shared';
import { queryString as query, request } from '../../shared/api/client';
import { downloadFile } from '../../shared/api/download';

export const bookingsApi = {
  /** With an Idempotency-Key, so that a retried tap never books twice. */
  book: (mentorId: string, body: CreateBookingRequest, key: string) =>
    request<BookingView>(`/mentors/${mentorId}/bookings`, {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': key },
    }),
  mine: () => request<BookingView[]>('/me/bookings'),
  cancel: (id: string, reason?: string) =>
    request<BookingView>(`/bookings/${id}/cancel`, { method: 'POST', body: { reason: reason || null } }),
  accept: (id: string) => request<BookingView>(`/bookings/${id}/accept`, { method: 'POST' }),
  decline: (id: string, reason?: string) =>
    request<BookingView>(`/bookings/${id}/decline`, { method: 'POST', body: { reason: reason || null } }),
  reschedule: (id: string, startsAt: string) =>
    request<BookingView>(`/bookings/${id}/reschedule`, { method: 'POST', body: { startsAt } }),
  writeRecord: (id: string, body: CoachingRecordRequest) =>
    request<BookingView>(`/bookings/${id}/record`, { method: 'PUT', body }),
  tickAction: (id: string, actionId: string, done: boolean) =>
    request<BookingView>(`/bookings/${id}/record/actions/${encodeURIComponent(actionId)}`, {
      method: 'POST',
      body: { done },
    }),
  coachingRecords: (organizationId: string, missing: boolean) =>
    request<CoachingRecordsView>(
      `/organizations/${organizationId}/coaching-records${query({ missing: missing ? 'true' : undefined })}`,
    ),
  downloadCoachingRecords: (organizationId: string, format: 'csv' | 'xlsx', fileName: string) =>
    downloadFile(`/organizations/${organizationId}/coaching-records.${format}`, fileName),
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
  suspended: () => request<SuspendedFounderView[]>('/booking-suspensions'),
  liftSuspension: (founderId: string) =>
    request<BookingSuspensionView>(`/founders/${founderId}/booking-suspension`, { method: 'DELETE' }),
  feedback: (id: string, body: FeedbackRequest) =>
    request<BookingView>(`/bookings/${id}/feedback`, { method: 'POST', body }),
  calendarToken: () => request<CalendarTokenView>('/me/calendar-token', { method: 'POST' }),
};

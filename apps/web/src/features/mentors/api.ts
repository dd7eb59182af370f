import type {
  AvailabilityRequest,
  AvailabilitySavedView,
  LedgerView,
  MentorListQuery,
  MentorProfileRequest,
  MentorSummary,
  MentorView,
  NextSlotView,
  SlotView,
} from '@wutong/shared';
import { queryString as query, request } from '../../shared/api/client';
import { downloadFile } from '../../shared/api/download';

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
    request<AvailabilitySavedView>('/me/availability', { method: 'PUT', body }),
  invite: (email: string) => request<unknown>('/mentor-invitations', { method: 'POST', body: { email } }),
  accept: (token: string) =>
    request<{ roles: string[] }>('/mentor-invitations/accept', { method: 'POST', body: { token } }),
  ledger: (id: string, year: number) => request<LedgerView>(`/mentors/${id}/ledger${query({ year })}`),
  /** The CSV as a file download (it needs the bearer token, so not a plain link). */
  downloadLedgerCsv: (id: string, year: number, fileName: string) =>
    downloadFile(`/mentors/${id}/ledger.csv${query({ year })}`, fileName),
};

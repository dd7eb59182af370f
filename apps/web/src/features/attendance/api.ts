import type {
  CertificateCheckView,
  CertificateView,
  EventAttendance,
  EventView,
  MyAttendanceView,
  MyRegistrationView,
} from '@wutong/shared';
import { request } from '../../shared/api/client';
import { downloadFile } from '../../shared/api/download';

export const attendanceApi = {
  event: (id: string) => request<EventView>(`/events/${id}`),
  attendance: (eventId: string) => request<EventAttendance>(`/events/${eventId}/attendance`),
  /** UTF-8 with BOM, formula-escaped by the API; fetched with the token and saved through a blob. */
  downloadCsv: (eventId: string, fileName: string) =>
    downloadFile(`/events/${eventId}/attendance.csv`, fileName),
  mine: () => request<MyAttendanceView[]>('/me/attendance'),
  myRegistrations: () => request<MyRegistrationView[]>('/me/registrations'),
  downloadCertificate: (registrationId: string, fileName: string) =>
    downloadFile(`/registrations/${registrationId}/certificate.pdf`, fileName),
  /** What a certificate's QR opens: whose it is and for how many hours. */
  verify: (code: string) =>
    request<CertificateView>(`/certificates/verify/${encodeURIComponent(code)}`, { auth: false }),
  /** A typed serial: valid or not, and the event only. */
  check: (serial: string) =>
    request<CertificateCheckView>(`/certificates/${encodeURIComponent(serial)}`, { auth: false }),
  revoke: (serial: string) =>
    request<CertificateView>(`/certificates/${encodeURIComponent(serial)}/revoke`, { method: 'POST' }),
};

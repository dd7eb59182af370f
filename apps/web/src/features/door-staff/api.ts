import type { CoHostView, DoorStaffView, OrganizationView, UserSummary } from '@wutong/shared';
import { request } from '../../shared/api/client';

const org = (id: string) => `/organizations/${encodeURIComponent(id)}`;

export const doorStaffApi = {
  carriers: () => request<OrganizationView[]>('/organizations'),
  list: (carrierId: string) => request<DoorStaffView[]>(`${org(carrierId)}/door-staff`),
  add: (carrierId: string, userId: string) =>
    request<DoorStaffView[]>(`${org(carrierId)}/door-staff`, { method: 'POST', body: { userId } }),
  remove: (carrierId: string, userId: string) =>
    request<DoorStaffView[]>(`${org(carrierId)}/door-staff/${encodeURIComponent(userId)}`, {
      method: 'DELETE',
    }),
  findByEmail: (email: string) => request<UserSummary[]>(`/users?email=${encodeURIComponent(email)}`),
  addCoHost: (eventId: string, organizationId: string) =>
    request<CoHostView[]>(`/events/${encodeURIComponent(eventId)}/co-hosts`, {
      method: 'POST',
      body: { organizationId },
    }),
  removeCoHost: (eventId: string, organizationId: string) =>
    request<CoHostView[]>(
      `/events/${encodeURIComponent(eventId)}/co-hosts/${encodeURIComponent(organizationId)}`,
      { method: 'DELETE' },
    ),
};

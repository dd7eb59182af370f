import type {
  CreateOrganizationRequest,
  CreateVenueRequest,
  MemberView,
  OrganizationView,
  Role,
  UpdateOrganizationRequest,
  UserSummary,
  UserView,
  VenueView,
} from '@wutong/shared';
import { request } from '../../shared/api/client';

const org = (id: string) => `/organizations/${encodeURIComponent(id)}`;

export const adminApi = {
  carriers: () => request<OrganizationView[]>('/organizations'),
  createCarrier: (body: CreateOrganizationRequest) =>
    request<OrganizationView>('/organizations', { method: 'POST', body }),
  updateCarrier: (id: string, body: UpdateOrganizationRequest) =>
    request<OrganizationView>(org(id), { method: 'PATCH', body }),
  members: (id: string) => request<MemberView[]>(`${org(id)}/members`),
  addMember: (id: string, userId: string) =>
    request<unknown>(`${org(id)}/members`, { method: 'POST', body: { userId } }),
  removeMember: (id: string, userId: string) =>
    request<void>(`${org(id)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  venues: (id: string) => request<VenueView[]>(`${org(id)}/venues`),
  createVenue: (id: string, body: CreateVenueRequest) =>
    request<VenueView>(`${org(id)}/venues`, { method: 'POST', body }),
  findUsers: (email: string) => request<UserSummary[]>(`/users?email=${encodeURIComponent(email)}`),
  grantRole: (userId: string, role: Role) =>
    request<UserView>(`/users/${encodeURIComponent(userId)}/roles`, { method: 'POST', body: { role } }),
  resetMfa: (userId: string) =>
    request<void>(`/users/${encodeURIComponent(userId)}/mfa`, { method: 'DELETE' }),
  removeRole: (userId: string, role: Role) =>
    request<UserView>(`/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(role)}`, {
      method: 'DELETE',
    }),
};

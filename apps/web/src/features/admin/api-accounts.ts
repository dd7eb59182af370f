import type { AccountListQuery, AccountView, AuditListQuery, AuditPage, Page } from '@wutong/shared';
import { queryString, request } from '../../shared/api/client';

/** Accounts and the audit log, for admins. */
export const adminApi = {
  accounts: (query: AccountListQuery) => request<Page<AccountView>>(`/admin/users${queryString(query)}`),
  deactivate: (id: string) =>
    request<AccountView>(`/admin/users/${encodeURIComponent(id)}/deactivate`, { method: 'POST' }),
  reactivate: (id: string) =>
    request<AccountView>(`/admin/users/${encodeURIComponent(id)}/reactivate`, { method: 'POST' }),
  audit: (query: AuditListQuery) => request<AuditPage>(`/audit${queryString(query)}`),
};

import type {
  MentoringNeedInput,
  MentoringRequestStatus,
  MentoringRequestView,
  SupplyDemandView,
} from '@wutong/shared';
import { queryString as query, request } from '../../shared/api/client';

/** Matching by need (docs/api.md, "Matching by need"). */
export const matchingApi = {
  ask: (body: MentoringNeedInput) =>
    request<MentoringRequestView>('/mentoring-requests', { method: 'POST', body }),
  mine: () => request<MentoringRequestView[]>('/me/mentoring-requests'),
  queue: (id: string) => request<MentoringRequestView>(`/mentoring-requests/${id}/queue`, { method: 'POST' }),
  withdraw: (id: string) =>
    request<MentoringRequestView>(`/mentoring-requests/${id}/withdraw`, { method: 'POST' }),
  list: (organizationId: string, status: MentoringRequestStatus) =>
    request<MentoringRequestView[]>(`/mentoring-requests${query({ organizationId, status })}`),
  assign: (id: string, mentorId: string) =>
    request<MentoringRequestView>(`/mentoring-requests/${id}/assign`, { method: 'POST', body: { mentorId } }),
  supplyDemand: (organizationId: string) =>
    request<SupplyDemandView>(`/organizations/${organizationId}/mentoring/supply-demand`),
};

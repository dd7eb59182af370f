import type { DashboardView, SetTargetRequest, TargetView } from '@wutong/shared';
import { request } from '../../shared/api/client';
import { downloadFile } from '../../shared/api/download';
import { queryString } from '../../shared/api/client';

/** The scope of every dashboard call: a year, and a carrier or (null) the whole base. */
export interface Scope {
  year: number;
  organizationId: string | null;
}

const query = (scope: Scope) => queryString({ year: scope.year, organizationId: scope.organizationId });

export const dashboardApi = {
  get: (scope: Scope) => request<DashboardView>(`/dashboard${query(scope)}`),
  targets: (scope: Scope) => request<TargetView[]>(`/targets${query(scope)}`),
  setTarget: (year: number, body: SetTargetRequest) =>
    request<TargetView>(`/targets/${year}`, { method: 'PUT', body }),
  /** The annual report of the scope, as a spreadsheet or CSV download. */
  report: (scope: Scope, format: 'xlsx' | 'csv', fileName: string) =>
    downloadFile(`/reports/annual.${format}${query(scope)}`, fileName),
};

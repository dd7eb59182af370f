import type { DashboardView, PeriodQuery, SetTargetRequest, TargetView } from '@wutong/shared';
import { request } from '../../shared/api/client';
import { downloadFile } from '../../shared/api/download';
import { queryString } from '../../shared/api/client';

/**
 * The scope of every dashboard call: a carrier or (null) the whole base, and a period — `year` for
 * the targets (annual), `period` (year, quarter, month or from/to) for the numbers and reports.
 */
export interface Scope {
  year: number;
  organizationId: string | null;
  period?: PeriodQuery;
}

const query = (scope: Scope) => queryString({ year: scope.year, organizationId: scope.organizationId });
const periodQuery = (scope: Scope) =>
  queryString({ ...(scope.period ?? { year: scope.year }), organizationId: scope.organizationId });

export const dashboardApi = {
  get: (scope: Scope) => request<DashboardView>(`/dashboard${periodQuery(scope)}`),
  targets: (scope: Scope) => request<TargetView[]>(`/targets${query(scope)}`),
  setTarget: (year: number, body: SetTargetRequest) =>
    request<TargetView>(`/targets/${year}`, { method: 'PUT', body }),
  /** The report of the scope's period, as a spreadsheet or CSV download. */
  report: (scope: Scope, format: 'xlsx' | 'csv', fileName: string) =>
    downloadFile(`/reports/annual.${format}${periodQuery(scope)}`, fileName),
  /** The ledger of events held in the scope's period (spreadsheet or Word document). */
  ledger: (scope: Scope, format: 'xlsx' | 'docx', fileName: string) =>
    downloadFile(`/reports/ledger.${format}${periodQuery(scope)}`, fileName),
};

import type { CompanyRecordView, CompanySearchEntry } from '@wutong/shared';
import { queryString as query, request } from '../../shared/api/client';
import { downloadFile } from '../../shared/api/download';

export const companiesApi = {
  search: (q: string) => request<CompanySearchEntry[]>(`/companies${query({ q })}`),
  record: (creditCode: string) =>
    request<CompanyRecordView>(`/companies/${encodeURIComponent(creditCode)}/record`),
  downloadRecord: (creditCode: string, fileName: string) =>
    downloadFile(`/companies/${encodeURIComponent(creditCode)}/record.xlsx`, fileName),
};

/** The audit log: who did what, for admins (docs/api.md, "Audit"). */

/** One entry: an action on a target, by whom (null: the system), with its details. */
export interface AuditEntryView {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  organizationId: string | null;
  actor: { id: string; displayName: string } | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface AuditListQuery {
  targetType?: string;
  action?: string;
  organizationId?: string;
  page?: number;
}

/** One page of the audit log, newest first (GET /api/audit). */
export interface AuditPage {
  items: AuditEntryView[];
  page: number;
  pageSize: number;
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  organizationId?: string | null;
  details?: Record<string, unknown>;
}

/** Writes an audit entry in the caller's transaction: the entry exists exactly when the change does. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, organization_id, details) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId ?? null,
        entry.organizationId ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SecurityLog, type SecurityEvent } from '../common/security/security-log';

/** Audited actions that also belong in the security log. */
const SECURITY_EVENTS: Record<string, SecurityEvent> = {
  'user.role.grant': 'role.granted',
  'user.role.remove': 'role.removed',
  'organization.member.add': 'membership.granted',
  'organization.member.remove': 'role.removed',
  'target.set': 'target.changed',
  'check_in.undo': 'check_in.undone',
  'user.mfa.reset': 'mfa.disabled',
  'company.update': 'company.changed',
  'company.owner': 'company.changed',
};

export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  organizationId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The audit INSERT for a statement of another feature (check-in's one-statement path): `select`
 * yields (actor_id, action, target_type, target_id, organization_id, details). Only this folder
 * writes audit_log; others compose this text or call AuditService.record.
 */
export function auditStatement(select: string): string {
  return `INSERT INTO audit_log (actor_id, action, target_type, target_id, organization_id, details)
    ${select}`;
}

/**
 * Writes an audit entry in the caller's transaction: the entry exists exactly when the change does.
 * Security-relevant actions are also written to the security log as they are made (the audit table
 * stays the committed record).
 */
@Injectable()
export class AuditService {
  constructor(private readonly securityLog: SecurityLog) {}

  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query(auditStatement(`VALUES ($1, $2, $3, $4, $5, $6)`), [
      entry.actorId,
      entry.action,
      entry.targetType,
      entry.targetId ?? null,
      entry.organizationId ?? null,
      JSON.stringify(entry.details ?? {}),
    ]);
    const event = SECURITY_EVENTS[entry.action];
    if (event) {
      this.securityLog.record(event, {
        actorId: entry.actorId,
        targetId: entry.targetId,
        organizationId: entry.organizationId,
        ...Object.fromEntries(
          Object.entries(entry.details ?? {}).filter(([, v]) =>
            ['string', 'number', 'boolean'].includes(typeof v),
          ),
        ),
      });
    }
  }
}

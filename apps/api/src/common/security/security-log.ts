import { Injectable, Logger } from '@nestjs/common';

/** What the security log records; one JSON line each, with `security` set to the event name. */
export type SecurityEvent =
  | 'signin.succeeded'
  | 'signin.failed'
  | 'signin.mfa_failed'
  | 'signup'
  | 'password.changed'
  | 'password.reset_requested'
  | 'password.reset'
  | 'mfa.enabled'
  | 'mfa.disabled'
  | 'throttled'
  | 'access.refused'
  | 'role.granted'
  | 'role.removed'
  | 'membership.granted'
  | 'target.changed'
  | 'check_in.undone'
  | 'email.added'
  | 'email.verified'
  | 'signin.closed'
  | 'signin.refused'
  | 'signin.code_sent'
  | 'sms.code_sent'
  | 'signin.sms_failed'
  | 'phone.verified'
  | 'password.check_throttled'
  | 'company.changed';

/** Attempts that failed or were refused: warnings; the rest (grants, changes, sign-ins) are information. */
const WARNINGS = new Set<SecurityEvent>([
  'signin.failed',
  'signin.mfa_failed',
  'throttled',
  'access.refused',
  'signin.closed',
  'signin.refused',
  'signin.sms_failed',
  'password.check_throttled',
]);

/**
 * The security log: sign-ins, failures, throttling, refusals, role grants, target changes and
 * check-in undos as JSON lines in the application log. Callers pass ids, addresses and emails only:
 * never a password, token, reset link or TOTP code (test/api/security-log.e2e-spec.ts searches for them).
 */
@Injectable()
export class SecurityLog {
  private readonly logger = new Logger('Security');

  record(event: SecurityEvent, fields: Record<string, string | number | boolean | null | undefined>): void {
    const level = WARNINGS.has(event) ? 'warn' : 'log';
    this.logger[level]({ security: event, ...fields }, event);
  }
}

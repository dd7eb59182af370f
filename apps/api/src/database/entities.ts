import { AuditEntry } from '../audit/audit-entry.entity';
import { AuthSession } from '../auth/auth-session.entity';
import { PasswordResetToken } from '../auth/password-reset-token.entity';
import { OutboxMessage } from '../notifications/outbox-message.entity';
import { OrganizationMember } from '../organizations/organization-member.entity';
import { Organization } from '../organizations/organization.entity';
import { Company } from '../users/company.entity';
import { User } from '../users/user.entity';

/** Every entity; each belongs to the feature folder it is imported from. */
export const ENTITIES = [
  Organization,
  OrganizationMember,
  User,
  Company,
  AuthSession,
  PasswordResetToken,
  OutboxMessage,
  AuditEntry,
];

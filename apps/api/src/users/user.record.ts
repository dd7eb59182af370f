import type { Locale, Role } from '@wutong/shared';
import { columnsOf } from '../common/database/records';

/** An account as the code passes it around (secrets are read only where they are checked). */
export interface UserRecord {
  id: string;
  /** Always stored lower-case; null for an account made by phone until an email is added. */
  email: string | null;
  /** The mainland mobile confirmed by a texted code (E.164), one account each: signs in by phone. */
  verifiedPhone: string | null;
  displayName: string;
  locale: Locale;
  timeZone: string;
  phone: string | null;
  /** Granted roles; `founder` is everyone's and is not stored. */
  roles: Exclude<Role, 'founder'>[];
  companyId: string | null;
  /** The account holds a verified identity (email today, an SMS-confirmed phone later). */
  verifiedAt: Date | null;
  emailVerifiedAt: Date | null;
  totpEnabledAt: Date | null;
  /** Whether a password is set (one made by phone has none until it chooses one); never the hash. */
  hasPassword: boolean;
  /** Set by an admin: no sign-in and no session until reactivated. */
  deactivatedAt: Date | null;
  deactivatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const USER_COLUMNS = `${columnsOf([
  'id',
  'email',
  'displayName',
  'locale',
  'timeZone',
  'phone',
  'roles',
  'companyId',
  'verifiedPhone',
  'verifiedAt',
  'emailVerifiedAt',
  'totpEnabledAt',
  'deactivatedAt',
  'deactivatedBy',
  'createdAt',
  'updatedAt',
])}, password_hash IS NOT NULL AS "hasPassword"`;

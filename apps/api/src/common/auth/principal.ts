import { GRANTABLE_ROLES, type Locale, type Role } from '@wutong/shared';

/** Who is asking: resolved once per request from the access token and its session. */
export interface Principal {
  userId: string;
  sessionId: string;
  /** Always includes `founder`. */
  roles: Role[];
  /** Carriers this user organizes. */
  organizationIds: string[];
  locale: Locale;
  /** The session was opened or confirmed with a second factor (TOTP). */
  mfa: boolean;
  /** An admin whose admin rights wait for two-step sign-in (AUTH_ADMIN_MFA=required). */
  adminAwaitingMfa: boolean;
  /** The account holds a verified identity (a confirmed email; later an SMS-confirmed phone). */
  verified: boolean;
}

export function isAdmin(principal: Principal | undefined): boolean {
  return principal?.roles.includes('admin') ?? false;
}

/** Organizer of that carrier, or an admin (who may do whatever an organizer may, on every carrier). */
export function organizes(principal: Principal | undefined, organizationId: string): boolean {
  if (!principal) return false;
  return isAdmin(principal) || principal.organizationIds.includes(organizationId);
}

/** Everyone is a founder; organizing a carrier makes one an organizer whether or not the role was granted. */
export function effectiveRoles(granted: readonly Role[], organizesCarriers: boolean): Role[] {
  const roles = GRANTABLE_ROLES.filter(
    (r) => granted.includes(r) || (r === 'organizer' && organizesCarriers),
  );
  return ['founder', ...roles];
}

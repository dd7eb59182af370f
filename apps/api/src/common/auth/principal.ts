import { GRANTABLE_ROLES, type Locale, type Role } from '@wutong/shared';

/** Who is asking: resolved once per request from the access token and its session. */
export interface Principal {
  userId: string;
  sessionId: string;
  /** Always includes `founder`. */
  roles: Role[];
  /** Carriers this user organizes. */
  organizationIds: string[];
  /** Carriers whose doors this user works as door staff (check-in, door search, walk-ins only). */
  doorOrganizationIds: string[];
  locale: Locale;
  /** The session was opened or confirmed with a second factor (TOTP). */
  mfa: boolean;
  /** An admin whose admin rights wait for two-step sign-in (AUTH_ADMIN_MFA=required). */
  adminAwaitingMfa: boolean;
  /** The account holds a verified identity (a confirmed email; later an SMS-confirmed phone). */
  verified: boolean;
  /** Where and how to mail the user (read with the session; the registration mail uses it). */
  contact?: { email: string | null; displayName: string };
}

export function isAdmin(principal: Principal | undefined): boolean {
  return principal?.roles.includes('admin') ?? false;
}

/** Organizer of that carrier, or an admin (who may do whatever an organizer may, on every carrier). */
export function organizes(principal: Principal | undefined, organizationId: string): boolean {
  if (!principal) return false;
  return isAdmin(principal) || principal.organizationIds.includes(organizationId);
}

/**
 * Organizer of the event's host carrier or of one of its co-hosts, or an admin: works its door and
 * reads its attendance. Editing the event, its registrations and reports stay with the host's.
 */
export function organizesEvent(
  principal: Principal | undefined,
  hostId: string,
  coHostIds: readonly string[],
): boolean {
  if (!principal) return false;
  return organizes(principal, hostId) || coHostIds.some((id) => principal.organizationIds.includes(id));
}

/**
 * May work the event's door (check in, door search, walk-ins, live count): its organizers as above,
 * and door staff of the host or of a co-host.
 */
export function worksDoor(
  principal: Principal | undefined,
  hostId: string,
  coHostIds: readonly string[],
): boolean {
  if (!principal) return false;
  return (
    organizesEvent(principal, hostId, coHostIds) ||
    [hostId, ...coHostIds].some((id) => principal.doorOrganizationIds.includes(id))
  );
}

/** Carriers whose doors the caller works at all (organized or as door staff), for SQL filters. */
export function doorCarriers(principal: Principal): string[] {
  return [...new Set([...principal.organizationIds, ...principal.doorOrganizationIds])];
}

/**
 * Everyone is a founder; organizing a carrier makes one an organizer whether or not the role was
 * granted; being named door staff of a carrier gives `door_staff` (never granted).
 */
export function effectiveRoles(
  granted: readonly Role[],
  organizesCarriers: boolean,
  doorStaff = false,
): Role[] {
  const roles = GRANTABLE_ROLES.filter(
    (r) => granted.includes(r) || (r === 'organizer' && organizesCarriers),
  );
  return ['founder', ...roles, ...(doorStaff ? (['door_staff'] as const) : [])];
}

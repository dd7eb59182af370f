/** Roles of docs/api.md. Everyone is a founder; the others are granted. */
export const ROLES = ['founder', 'mentor', 'organizer', 'admin'] as const;
/**
 * `door_staff` is never granted: naming someone door staff of a carrier (POST
 * /organizations/:id/door-staff) gives it, as organizing a carrier gives `organizer`.
 */
export type Role = (typeof ROLES)[number] | 'door_staff';
/** Roles an admin may grant or remove with POST/DELETE /users/:id/roles. */
export const GRANTABLE_ROLES: readonly Role[] = ['mentor', 'organizer', 'admin'];

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

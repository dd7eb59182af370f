/** Roles of docs/api.md. Everyone is a founder; the others are granted. */
export const ROLES = ['founder', 'mentor', 'organizer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Roles an admin may grant or remove with POST/DELETE /users/:id/roles. */
export const GRANTABLE_ROLES: readonly Role[] = ['mentor', 'organizer', 'admin'];

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

import { organizes, type Principal } from '../common/auth/principal';

/**
 * THE rule for who works a carrier's door (sign-in sheets today): its organizers and admins. Door
 * staff, when they exist, are added here — and to the routes' @Roles — and nowhere else.
 */
export function worksTheDoor(actor: Principal, organizationId: string): boolean {
  return organizes(actor, organizationId);
}

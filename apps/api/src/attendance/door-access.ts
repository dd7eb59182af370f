import { worksDoor, type Principal } from '../common/auth/principal';

/**
 * THE rule for who works an event's door for its papers (sign-in sheets): the host's organizers,
 * admins, organizers of a co-host and door staff of the host or a co-host — as at the door itself.
 */
export function worksTheDoor(
  actor: Principal,
  organizationId: string,
  coHostIds: readonly string[] = [],
): boolean {
  return worksDoor(actor, organizationId, coHostIds);
}

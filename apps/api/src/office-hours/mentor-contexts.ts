import { CappedMap } from '../common/memory/capped-map';
import type { MentorProfile } from '../mentors/mentor-profile.record';

/** A mentor's settings as last read, with the mentor_profiles.context_version they were read at. */
export interface MentorContext {
  profile: MentorProfile;
  version: number;
}

/**
 * Mentors' settings per mentor, as last read by this process. Never trusted on its own: a booking
 * decides on them only to take the fast path, whose statement writes only while the mentor's
 * context_version is still the one kept here; anything else (changed settings, a slot taken or too
 * close to another booking, a limit, a suspension) reads again (OfficeHoursService.book).
 */
export class MentorContexts {
  private readonly byMentor = new CappedMap<string, MentorContext>(10_000);

  get(mentorId: string): MentorContext | undefined {
    return this.byMentor.get(mentorId);
  }

  remember(context: MentorContext): void {
    this.byMentor.set(context.profile.userId, context);
  }
}

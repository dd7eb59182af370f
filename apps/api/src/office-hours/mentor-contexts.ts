import type { MentorProfile } from '../mentors/mentor-profile.record';

/** A mentor's settings as last read, with the mentor_profiles.context_version they were read at. */
export interface MentorContext {
  profile: MentorProfile;
  version: number;
}

const MAX_MENTORS = 10_000;

/**
 * Mentors' settings per mentor, as last read by this process. Never trusted on its own: a booking
 * decides on them only to take the fast path, whose statement writes only while the mentor's
 * context_version is still the one kept here; anything else (changed settings, a slot taken or too
 * close to another booking, a limit, a suspension) reads again (OfficeHoursService.book).
 */
export class MentorContexts {
  private readonly byMentor = new Map<string, MentorContext>();

  get(mentorId: string): MentorContext | undefined {
    return this.byMentor.get(mentorId);
  }

  remember(context: MentorContext): void {
    const id = context.profile.userId;
    if (this.byMentor.size >= MAX_MENTORS && !this.byMentor.has(id))
      this.byMentor.delete(this.byMentor.keys().next().value!);
    this.byMentor.set(id, context);
  }
}

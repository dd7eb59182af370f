import { JwtService } from '@nestjs/jwt';
import type { AvailabilityRequest, MentorProfileRequest, SlotView } from '@wutong/shared';
import { grantRole, signup, type SignedUp, type TestApp } from '../support/test-app';

let n = 0;

/**
 * Many signed-in, verified founders quickly: rows and sessions inserted in SQL (one placeholder hash) and
 * tokens signed with the app's own key, instead of an argon2 hash per sign-up.
 */
export async function bulkFounders(t: TestApp, count: number): Promise<SignedUp[]> {
  const batch = `${process.pid}.${Date.now()}.${n++}`;
  const emails = Array.from({ length: count }, (_, i) => `bulk.${batch}.${i}@example.cn`);
  const users: { id: string; email: string }[] = await t.db.query(
    `INSERT INTO users (email, password_hash, display_name, verified_at, email_verified_at)
     SELECT e, 'not-a-hash', '创业者' || i, now(), now() FROM unnest($1::text[]) WITH ORDINALITY AS t(e, i) RETURNING id, email`,
    [emails],
  );
  const sessions: { id: string; user_id: string }[] = await t.db.query(
    `INSERT INTO auth_sessions (user_id, expires_at) SELECT u, now() + interval '1 day' FROM unnest($1::uuid[]) AS t(u)
     RETURNING id, user_id`,
    [users.map((u) => u.id)],
  );
  const jwt = t.app.get(JwtService, { strict: false });
  const byUser = new Map(sessions.map((s) => [s.user_id, s.id]));
  return users.map((u) => {
    const token = jwt.sign({ sub: u.id, sid: byUser.get(u.id) }, { algorithm: 'HS256', expiresIn: 3600 });
    return { id: u.id, email: u.email, token, auth: { Authorization: `Bearer ${token}` } };
  });
}

/** Every day, all day, hour-long slots in UTC, bookable at once: slots are plentiful and predictable. */
export const OPEN_ALL_DAY: AvailabilityRequest = {
  timeZone: 'UTC',
  rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00', slotMinutes: 60 })),
  overrides: [],
  minNoticeHours: 0,
  holidaysOff: false,
  maxFuturePerFounder: 50,
};

export async function makeMentor(
  t: TestApp,
  availability: AvailabilityRequest = OPEN_ALL_DAY,
  profile: Partial<MentorProfileRequest> = {},
  overrides: Record<string, unknown> = {},
): Promise<SignedUp> {
  const mentor = await signup(t, { displayName: '周导师', ...overrides });
  await grantRole(t, mentor.id, 'mentor');
  await t.http
    .put('/api/me/mentor-profile')
    .set(mentor.auth)
    .send({
      category: 'investor',
      affiliation: '湘江创投',
      expertise: ['financing'],
      published: true,
      ...profile,
    })
    .expect(200);
  await t.http.put('/api/me/availability').set(mentor.auth).send(availability).expect(200);
  return mentor;
}

export async function slotsOf(t: TestApp, mentorId: string, days = 7): Promise<SlotView[]> {
  const from = new Date(Date.now() + 2 * 3600_000);
  const to = new Date(from.getTime() + days * 24 * 3600_000);
  const res = await t.http
    .get(`/api/mentors/${mentorId}/slots`)
    .query({ from: from.toISOString(), to: to.toISOString() })
    .expect(200);
  return res.body as SlotView[];
}

import type { CreateEventRequest, EventView } from '@wutong/shared';
import { grantRole, signup, type SignedUp, type TestApp } from './test-app';

export interface Carrier {
  admin: SignedUp;
  organizer: SignedUp;
  organizationId: string;
}

let carriers = 0;

/** An admin, a carrier and one organizer of it, made through the API as people would. */
export async function setUpCarrier(t: TestApp, admin?: SignedUp): Promise<Carrier> {
  if (!admin) {
    admin = await signup(t, { displayName: '基地管理员' });
    await grantRole(t, admin.id, 'admin');
  }
  const org = await t.http
    .post('/api/organizations')
    .set(admin.auth)
    .send({ name: `载体 ${process.pid}-${carriers++}`, kind: 'incubator' })
    .expect(201);
  const organizer = await signup(t, { displayName: '活动运营' });
  await t.http
    .post(`/api/organizations/${org.body.id}/members`)
    .set(admin.auth)
    .send({ userId: organizer.id })
    .expect(201);
  return { admin, organizer, organizationId: org.body.id };
}

const DAY = 24 * 3600 * 1000;

/** Sessions of n evenings starting `inDays` from now, 19:00–21:00 UTC+8 style two-hour slots. */
export function sessions(n = 1, inDays = 7): { startsAt: string; endsAt: string; title?: string }[] {
  const base = Math.floor((Date.now() + inDays * DAY) / DAY) * DAY + 11 * 3600 * 1000;
  return Array.from({ length: n }, (_, i) => ({
    startsAt: new Date(base + i * DAY).toISOString(),
    endsAt: new Date(base + i * DAY + 2 * 3600 * 1000).toISOString(),
    title: n > 1 ? `第 ${i + 1} 讲` : undefined,
  }));
}

/**
 * Sessions the door can check people in to now: the first starts in two hours (doors open 24 hours
 * before a session), the next ones three hours apart, each two hours long.
 */
export function doorSessions(n = 1): { startsAt: string; endsAt: string; title?: string }[] {
  const first = Math.ceil((Date.now() + 2 * 3600_000) / 60_000) * 60_000;
  return Array.from({ length: n }, (_, i) => ({
    startsAt: new Date(first + i * 3 * 3600_000).toISOString(),
    endsAt: new Date(first + i * 3 * 3600_000 + 2 * 3600_000).toISOString(),
    title: n > 1 ? `第 ${i + 1} 讲` : undefined,
  }));
}

export function eventBody(
  organizationId: string,
  overrides: Partial<CreateEventRequest> = {},
): CreateEventRequest {
  return {
    organizationId,
    type: 'salon',
    title: '创业沙龙：早期项目如何拿到第一笔融资',
    description: '三位投资人与创业者面对面。',
    capacity: 50,
    approvalRequired: false,
    waitlistEnabled: true,
    sessions: sessions(),
    ...overrides,
  };
}

/** Creates and publishes an event as the carrier's organizer. */
export async function publishedEvent(
  t: TestApp,
  c: Carrier,
  overrides: Partial<CreateEventRequest> = {},
): Promise<EventView> {
  const created = await t.http
    .post('/api/events')
    .set(c.organizer.auth)
    .send(eventBody(c.organizationId, overrides))
    .expect(201);
  const published = await t.http
    .post(`/api/events/${created.body.id}/publish`)
    .set(c.organizer.auth)
    .expect(200);
  return published.body;
}

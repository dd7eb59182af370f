/**
 * Activity for the dashboard browser test and screenshots: a carrier with its organizer and a
 * published event whose only session started earlier this year, with walk-ins checked in (backfilled).
 */
import { api, createAdmin, createCarrier } from './events-fixtures';
import type { Carrier } from './events-fixtures';

const HOUR = 3_600_000;

export interface DashboardWorld {
  adminToken: string;
  carrier: Carrier;
  eventId: string;
  sessionId: string;
}

/** 1 January 00:00 of this year in Asia/Shanghai (the carriers' zone). */
export function shanghaiYearStart(now = new Date()): { year: number; start: number } {
  const year = new Date(now.getTime() + 8 * HOUR).getUTCFullYear();
  return { year, start: Date.UTC(year, 0, 1) - 8 * HOUR };
}

/** A session half-way between New Year (Shanghai) and now: in the past and in this year. */
export async function seedDashboard(base: string, walkIns: string[]): Promise<DashboardWorld> {
  const admin = await createAdmin(base);
  const carrier = await createCarrier(base, admin, `梧桐看板孵化器 ${Date.now().toString(36)}`, '陈运营');
  const token = carrier.organizer.token;
  const { start } = shanghaiYearStart();
  const startsAt = Math.floor((start + Date.now()) / 2);
  const event = await api<{ id: string; sessions: { id: string }[] }>(base, '/events', {
    token,
    body: {
      organizationId: carrier.id,
      type: 'salon',
      title: '创业沙龙：年初复盘',
      description: '补录的往期活动',
      capacity: 30,
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: [
        { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + HOUR).toISOString() },
      ],
    },
  });
  await api(base, `/events/${event.id}/publish`, { token, body: {} });
  const sessionId = event.sessions[0].id;
  for (const name of walkIns)
    await api(base, `/sessions/${sessionId}/check-ins`, { token, body: { walkIn: { name } } });
  return { adminToken: admin.token, carrier, eventId: event.id, sessionId };
}

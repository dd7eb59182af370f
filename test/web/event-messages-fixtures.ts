/**
 * An event with two registrants, one reading Chinese and one English, for the message dialog's
 * browser test and screenshots.
 */
import type { EventView } from '@wutong/shared';
import {
  api,
  createAdmin,
  createCarrier,
  shanghai,
  shanghaiDay,
  signUp,
  type Carrier,
} from './events-fixtures';

export interface MessageWorld {
  carrier: Carrier;
  event: EventView;
  title: string;
}

export async function seedMessages(base: string): Promise<MessageWorld> {
  const admin = await createAdmin(base);
  const carrier = await createCarrier(base, admin, `梧桐消息孵化器 ${Date.now().toString(36)}`, '林组织');
  const title = `路演训练营 ${Date.now().toString(36)}`;
  const day = shanghaiDay(10);
  const created = await api<EventView>(base, '/events', {
    token: carrier.organizer.token,
    body: {
      organizationId: carrier.id,
      type: 'training',
      title,
      description: '两晚的路演训练。',
      capacity: 30,
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: [
        { startsAt: shanghai(day, '19:00'), endsAt: shanghai(day, '21:00'), title: '第一晚' },
        {
          startsAt: shanghai(shanghaiDay(11), '19:00'),
          endsAt: shanghai(shanghaiDay(11), '21:00'),
          title: '第二晚',
        },
      ],
    },
  });
  const event = await api<EventView>(base, `/events/${created.id}/publish`, {
    token: carrier.organizer.token,
    body: {},
  });
  const zh = await signUp(base, '王小雨');
  const en = await signUp(base, 'Alex Chen');
  await api(base, '/me', { method: 'PATCH', token: en.token, body: { locale: 'en' } });
  for (const who of [zh, en])
    await api(base, `/events/${event.id}/registrations`, { token: who.token, body: { answers: {} } });
  return { carrier, event, title };
}

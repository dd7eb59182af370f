/**
 * Data and a fake camera for the check-in browser tests and screenshots: a carrier with its organizer,
 * an event with a session starting now, founders with tickets, and a Y4M video of a ticket's QR code.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { api, createAdmin, createCarrier, signUp } from './events-fixtures';

export interface Founder {
  id: string;
  name: string;
  token: string;
  registrationId: string;
  ticketCode: string;
  /** The 8 characters printed on the ticket to read out. */
  shortCode: string;
}

export interface CheckInWorld {
  organizerToken: string;
  organizationId: string;
  eventId: string;
  eventTitle: string;
  sessionId: string;
  founders: Founder[];
}

const MINUTE = 60_000;

/** An event of a new carrier whose only session starts in a minute (so it is today and takes registrations). */
export async function seedCheckIn(
  base: string,
  names: string[],
  options: { title?: string; carrier?: string } = {},
): Promise<CheckInWorld> {
  const admin = await createAdmin(base);
  const carrier = await createCarrier(
    base,
    admin,
    options.carrier ?? `梧桐孵化器 ${Math.random().toString(36).slice(2, 6)}`,
    '周运营',
  );
  const organizerToken = carrier.organizer.token;
  const start = Date.now() + MINUTE;
  const eventTitle = options.title ?? '创业沙龙：早期融资实务';
  const event = await api<{ id: string; sessions: { id: string }[] }>(base, '/events', {
    token: organizerToken,
    body: {
      organizationId: carrier.id,
      type: 'salon',
      title: eventTitle,
      description: '签到测试活动',
      capacity: 50,
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: [
        { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 180 * MINUTE).toISOString() },
      ],
    },
  });
  await api(base, `/events/${event.id}/publish`, { token: organizerToken, body: {} });
  const founders: Founder[] = [];
  for (const name of names) {
    const user = await signUp(base, name);
    const registration = await api<{ id: string; ticketCode: string; shortCode: string }>(
      base,
      `/events/${event.id}/registrations`,
      { token: user.token, body: {} },
    );
    founders.push({
      id: user.id,
      name,
      token: user.token,
      registrationId: registration.id,
      ticketCode: registration.ticketCode,
      shortCode: registration.shortCode,
    });
  }
  return {
    organizerToken,
    organizationId: carrier.id,
    eventId: event.id,
    eventTitle,
    sessionId: event.sessions[0].id,
    founders,
  };
}

/**
 * A raw YUV 4:2:0 video (Y4M) of `text` as a QR code, black on white, centred: what Chromium's fake
 * camera (`--use-file-for-fake-video-capture`) plays in a loop.
 */
export function writeQrVideo(file: string, text: string, width = 640, height = 480, frames = 10): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const quiet = 4;
  const scale = Math.floor((Math.min(width, height) * 0.8) / (size + 2 * quiet));
  const side = scale * size;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 235); // white
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        const offset = (top + row * scale + y) * width + left + col * scale;
        luma.fill(16, offset, offset + scale); // black
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

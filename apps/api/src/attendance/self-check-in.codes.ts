import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Codes belong to 2-minute slots… */
export const ROTATION_MS = 2 * 60_000;
/** …a code of the previous slot still counts this long into the next one (a scan in flight)… */
export const GRACE_MS = 30_000;
/** …and no code counts longer than this after the venue screen fetched it (it fetches every 20 s). */
export const CODE_TTL_MS = 60_000;
/** Codes are issued and checked on the database's clock; this covers two transactions' start times. */
const SKEW_MS = 5_000;

const mac = (secret: string, sessionId: string, issuedAt: number, nonce: string) =>
  createHmac('sha256', secret)
    .update(`self-check-in:${sessionId}:${Math.floor(issuedAt / ROTATION_MS)}:${issuedAt}:${nonce}`)
    .digest('base64url')
    .slice(0, 16);

/**
 * The code a venue screen shows as a QR: its issue time, the screen's nonce (new at every fetch) and
 * an HMAC of the session, the 2-minute slot, the time and the nonce, so it cannot be made up or moved
 * to another session or time. A photo of it shared to someone at home works for a minute at most
 * (docs/security.md, "Outside attack, second round", point 14).
 */
export function selfCheckInCode(
  secret: string,
  sessionId: string,
  at: number,
  nonce = randomBytes(6).toString('base64url'),
): string {
  return `${at.toString(36)}.${nonce}.${mac(secret, sessionId, at, nonce)}`;
}

/** When a code issued at `at` stops counting: a minute later, or 30 s into the next slot if sooner. */
export function codeExpiresAt(at: number): Date {
  const slotEnd = (Math.floor(at / ROTATION_MS) + 1) * ROTATION_MS;
  return new Date(Math.min(at + CODE_TTL_MS, slotEnd + GRACE_MS));
}

export function isCurrentCode(secret: string, sessionId: string, code: string, now: number): boolean {
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{8})\.([A-Za-z0-9_-]{16})$/.exec(code);
  if (!match) return false;
  const issuedAt = parseInt(match[1], 36);
  if (!Number.isSafeInteger(issuedAt) || issuedAt > now + SKEW_MS || now >= codeExpiresAt(issuedAt).getTime())
    return false;
  const expected = Buffer.from(mac(secret, sessionId, issuedAt, match[2]));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

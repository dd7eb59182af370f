import { createHmac, timingSafeEqual } from 'node:crypto';

/** A session's self check-in code changes every ROTATION_MS; the current and the previous are accepted. */
export const ROTATION_MS = 2 * 60_000;

/**
 * The code shown on the venue screen: an HMAC of the session and the time slot, so it cannot be made
 * up, and a photo of it stops working within two rotations (at most 4 minutes).
 */
export function selfCheckInCode(secret: string, sessionId: string, at: number): string {
  const slot = Math.floor(at / ROTATION_MS);
  return createHmac('sha256', secret)
    .update(`self-check-in:${sessionId}:${slot}`)
    .digest('base64url')
    .slice(0, 16);
}

export function codeExpiresAt(at: number): Date {
  return new Date((Math.floor(at / ROTATION_MS) + 2) * ROTATION_MS);
}

export function isCurrentCode(secret: string, sessionId: string, code: string, at: number): boolean {
  const given = Buffer.from(code);
  return [at, at - ROTATION_MS].some((t) => {
    const expected = Buffer.from(selfCheckInCode(secret, sessionId, t));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

import {
  CODE_TTL_MS,
  GRACE_MS,
  ROTATION_MS,
  codeExpiresAt,
  isCurrentCode,
  selfCheckInCode,
} from './self-check-in.codes';

describe('self check-in codes', () => {
  const secret = 'a-secret-of-the-deployment-0123456789';
  const session = '2f1c0d0e-1111-4222-8333-444455556666';
  /** The start of a 2-minute slot. */
  const t0 = Math.floor(Date.UTC(2026, 11, 1, 11, 0, 0) / ROTATION_MS) * ROTATION_MS;

  it('counts for a minute after the screen fetched it, then no more (a shared photo dies quickly)', () => {
    const code = selfCheckInCode(secret, session, t0);
    expect(isCurrentCode(secret, session, code, t0)).toBe(true);
    expect(isCurrentCode(secret, session, code, t0 + CODE_TTL_MS - 1)).toBe(true);
    expect(isCurrentCode(secret, session, code, t0 + CODE_TTL_MS)).toBe(false);
    // The old rule accepted the previous slot's code for a whole rotation (up to 4 minutes).
    expect(isCurrentCode(secret, session, code, t0 + ROTATION_MS + 1)).toBe(false);
    expect(codeExpiresAt(t0).getTime() - t0).toBe(CODE_TTL_MS);
  });

  it("keeps a code of the slot's last seconds only 30 s into the next slot", () => {
    const late = t0 + ROTATION_MS - 5_000;
    const code = selfCheckInCode(secret, session, late);
    expect(isCurrentCode(secret, session, code, t0 + ROTATION_MS + GRACE_MS - 1)).toBe(true);
    expect(isCurrentCode(secret, session, code, t0 + ROTATION_MS + GRACE_MS)).toBe(false);
  });

  it('gives every fetch its own nonce, and refuses codes from the future', () => {
    const a = selfCheckInCode(secret, session, t0);
    const b = selfCheckInCode(secret, session, t0);
    expect(a).not.toBe(b);
    expect(isCurrentCode(secret, session, a, t0 - 60_000)).toBe(false);
  });

  it('refuses made-up codes, codes of another session or secret, and edited times or nonces', () => {
    const code = selfCheckInCode(secret, session, t0, 'AbCdEfGh');
    const [time, nonce, mac] = code.split('.');
    expect(isCurrentCode(secret, '2f1c0d0e-1111-4222-8333-444455556667', code, t0)).toBe(false);
    expect(isCurrentCode('another-secret-another-secret-0000', session, code, t0)).toBe(false);
    expect(isCurrentCode(secret, session, `${(t0 + 1000).toString(36)}.${nonce}.${mac}`, t0 + 1000)).toBe(
      false,
    );
    expect(isCurrentCode(secret, session, `${time}.AbCdEfGx.${mac}`, t0)).toBe(false);
    expect(isCurrentCode(secret, session, 'AAAAAAAAAAAAAAAA', t0)).toBe(false);
    expect(isCurrentCode(secret, session, '', t0)).toBe(false);
  });
});

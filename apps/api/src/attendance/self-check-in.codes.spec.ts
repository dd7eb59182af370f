import { codeExpiresAt, isCurrentCode, ROTATION_MS, selfCheckInCode } from './self-check-in.codes';

describe('self check-in codes', () => {
  const secret = 'a-secret-of-the-deployment-0123456789';
  const session = '2f1c0d0e-1111-4222-8333-444455556666';
  const t0 = Date.UTC(2026, 11, 1, 11, 0, 0);

  it('accepts the code while it is shown and one rotation after, then refuses it', () => {
    const code = selfCheckInCode(secret, session, t0);
    expect(isCurrentCode(secret, session, code, t0)).toBe(true);
    expect(isCurrentCode(secret, session, code, t0 + ROTATION_MS)).toBe(true);
    expect(isCurrentCode(secret, session, code, t0 + 2 * ROTATION_MS + 1)).toBe(false);
    expect(codeExpiresAt(t0).getTime() - t0).toBeLessThanOrEqual(2 * ROTATION_MS);
  });

  it('differs between sessions and secrets, and refuses made-up codes', () => {
    const code = selfCheckInCode(secret, session, t0);
    expect(selfCheckInCode(secret, '2f1c0d0e-1111-4222-8333-444455556667', t0)).not.toBe(code);
    expect(selfCheckInCode('another-secret-another-secret-0000', session, t0)).not.toBe(code);
    expect(isCurrentCode(secret, session, 'AAAAAAAAAAAAAAAA', t0)).toBe(false);
    expect(isCurrentCode(secret, session, '', t0)).toBe(false);
  });
});

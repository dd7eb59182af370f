import { backoffMs } from './outbox.worker';
import { isServerOutage } from './mailer.service';

describe('outbox backoff', () => {
  it('doubles from the base delay after each failure and stops growing at an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 5000))).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30, 5000)).toBe(60 * 60 * 1000);
  });
});

describe('server-wide SMTP failures', () => {
  it('stop the pass on refused, hanging or 421 servers, not on a rejected recipient', () => {
    const err = (code: string, responseCode?: number) =>
      Object.assign(new Error(code), { code, responseCode });
    expect(isServerOutage(err('ECONNECTION'))).toBe(true);
    expect(isServerOutage(err('ETIMEDOUT'))).toBe(true);
    expect(isServerOutage(err('EPROTOCOL', 421))).toBe(true);
    expect(isServerOutage(err('EENVELOPE', 550))).toBe(false);
    expect(isServerOutage(err('EMESSAGE', 552))).toBe(false);
    expect(isServerOutage(null)).toBe(false);
  });
});

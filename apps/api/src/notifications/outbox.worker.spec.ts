import { backoffMs } from './outbox.worker';

describe('outbox backoff', () => {
  it('doubles from the base delay after each failure and stops growing at an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 5000))).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30, 5000)).toBe(60 * 60 * 1000);
  });
});

import { MAX_BODY_DEPTH, nestsDeeperThan } from './body-limits';

const nested = (n: number, open = '{"a":', close = '}') => `${open.repeat(n)}1${close.repeat(n)}`;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays alike, up to the limit and not beyond', () => {
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH + 1, '[', ']'), MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nested(10_000, '[', ']'), MAX_BODY_DEPTH)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '{'.repeat(100), b: '"[[[[\\"{{{{', c: [{ d: ['}}}}]]]]'] }] });
    // {…, c: [{ d: [ … ] }] } is 4 levels deep, whatever the strings hold.
    expect(nestsDeeperThan(text, 4)).toBe(false);
    expect(nestsDeeperThan(text, 3)).toBe(true);
  });

  it('measures siblings separately: wide is not deep', () => {
    const wide = JSON.stringify(Array.from({ length: 5_000 }, () => ({ a: [1] })));
    expect(nestsDeeperThan(wide, 3)).toBe(false);
  });
});

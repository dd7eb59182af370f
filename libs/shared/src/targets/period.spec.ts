import { periodParams, resolvePeriod } from './period';

describe('resolvePeriod', () => {
  it('names a year, a quarter, a month or a range of days, `to` exclusive', () => {
    expect(resolvePeriod({}, 2026).period).toEqual({
      kind: 'year',
      from: '2026-01-01',
      to: '2027-01-01',
      label: '2026',
    });
    expect(resolvePeriod({ quarter: '2026Q4' }, 2026).period).toEqual({
      kind: 'quarter',
      from: '2026-10-01',
      to: '2027-01-01',
      label: '2026Q4',
    });
    expect(resolvePeriod({ month: '2028-02' }, 2026).period).toMatchObject({
      from: '2028-02-01',
      to: '2028-03-01',
    });
    expect(resolvePeriod({ from: '2026-11-03', to: '2026-12-01' }, 2026).period).toEqual({
      kind: 'range',
      from: '2026-11-03',
      to: '2026-12-01',
      label: '2026-11-03~2026-11-30',
    });
  });

  it('says what is wrong: two ways at once, formats, half a range, order, span, years', () => {
    const rule = (q: Parameters<typeof resolvePeriod>[0]) => resolvePeriod(q, 2026).problem?.rule;
    expect(rule({ year: 2026, quarter: '2026Q1' })).toBe('oneOf');
    expect(rule({ quarter: '2026Q0' })).toBe('format');
    expect(rule({ month: '2026-1' })).toBe('format');
    expect(rule({ from: '2026-01-01' })).toBe('bothFromAndTo');
    expect(rule({ from: '2026-02-29', to: '2026-03-02' })).toBe('format');
    expect(rule({ from: '2026-03-02', to: '2026-03-02' })).toBe('fromBeforeTo');
    expect(rule({ from: '2028-01-01', to: '2029-01-01' })).toBeUndefined();
    expect(rule({ from: '2026-01-01', to: '2027-01-03' })).toBe('maxSpan');
    expect(rule({ month: '2101-01' })).toBe('range');
  });

  it('gives back the parameters that name a period', () => {
    for (const q of [
      { year: 2026 },
      { quarter: '2026Q3' },
      { month: '2026-11' },
      { from: '2026-11-03', to: '2026-12-01' },
    ]) {
      const { period } = resolvePeriod(q, 2000);
      const params = periodParams(period!);
      // A URL's year is text; the API's query parsing makes it a number.
      const back = params.year ? { year: Number(params.year) } : params;
      expect(resolvePeriod(back as never, 2000).period).toEqual(period);
    }
  });
});

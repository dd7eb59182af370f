import { pace, shareOfYearElapsed, yearBounds } from './pace';

describe('yearBounds', () => {
  it('starts the year at local midnight of 1 January in the zone', () => {
    expect(yearBounds(2026, 'Asia/Shanghai')).toEqual({
      start: new Date('2025-12-31T16:00:00Z'),
      end: new Date('2026-12-31T16:00:00Z'),
    });
    expect(yearBounds(2026, 'America/New_York')).toEqual({
      start: new Date('2026-01-01T05:00:00Z'),
      end: new Date('2027-01-01T05:00:00Z'),
    });
    expect(yearBounds(2026, 'UTC').start).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('knows leap years are a day longer', () => {
    const leap = yearBounds(2028, 'Asia/Shanghai');
    expect((leap.end.getTime() - leap.start.getTime()) / 86_400_000).toBe(366);
  });
});

describe('shareOfYearElapsed', () => {
  it('is 0 before, 1 after and the fraction in between, in the zone', () => {
    expect(shareOfYearElapsed(2026, 'Asia/Shanghai', new Date('2025-12-31T15:59:59Z'))).toBe(0);
    expect(shareOfYearElapsed(2026, 'Asia/Shanghai', new Date('2026-12-31T16:00:00Z'))).toBe(1);
    // 1 July 00:00 in Shanghai: 181 of 365 days.
    expect(shareOfYearElapsed(2026, 'Asia/Shanghai', new Date('2026-06-30T16:00:00Z'))).toBeCloseTo(
      181 / 365,
      6,
    );
    // The same instant is still 30 June in New York.
    expect(shareOfYearElapsed(2026, 'America/New_York', new Date('2026-06-30T16:00:00Z'))).toBeLessThan(
      181 / 365,
    );
  });
});

describe('pace', () => {
  it('compares the actual with the target times the share of the year gone', () => {
    expect(pace(175, 350, 0.5)).toEqual({
      expectedToDate: 175,
      forecast: 350,
      status: 'on_track',
      percent: 0.5,
    });
    expect(pace(200, 350, 0.5)).toMatchObject({ status: 'ahead', forecast: 400 });
    expect(pace(150, 350, 0.5)).toMatchObject({ status: 'behind', forecast: 300 });
  });

  it('says no_target without a target, and forecasts the actual once the year is over', () => {
    expect(pace(12, null, 0.25)).toEqual({
      expectedToDate: null,
      forecast: 48,
      status: 'no_target',
      percent: null,
    });
    expect(pace(350, 350, 1)).toMatchObject({ forecast: 350, status: 'on_track', expectedToDate: 350 });
    expect(pace(340, 350, 1)).toMatchObject({ forecast: 340, status: 'at_risk' });
    expect(pace(300, 350, 1)).toMatchObject({ status: 'behind' });
  });

  it('judges by the forecast: 293 of 350 held with a forecast of 316 is at risk, not on track', () => {
    // Late November: 293 events held, the year at this pace ends at 316 (90.3 % of 350).
    const share = 293 / 316;
    expect(pace(293, 350, share)).toMatchObject({ forecast: 316, status: 'at_risk' });
    // Fewer than 90 % of the target by the forecast is behind, whatever was expected to date.
    expect(pace(250, 350, share)).toMatchObject({ forecast: 270, status: 'behind' });
    // A forecast that reaches the target is on track even a little under the expected-to-date line.
    expect(pace(175, 350, 0.49)).toMatchObject({ forecast: 357, status: 'on_track' });
    // An actual that already passed the target stays ahead.
    expect(pace(400, 350, 0.9)).toMatchObject({ status: 'ahead' });
  });

  it('expects nothing before the year starts', () => {
    expect(pace(0, 350, 0)).toMatchObject({ expectedToDate: 0, status: 'on_track', forecast: 0 });
  });
});

import { computeSlots, localDate } from '@wutong/shared';
import { CHINESE_HOLIDAYS } from './holidays';

describe('Chinese holidays from the chinese-days data', () => {
  it('knows National Day 2025 and its make-up working days', () => {
    expect(CHINESE_HOLIDAYS('2025-10-01')).toEqual({ kind: 'holiday' });
    expect(CHINESE_HOLIDAYS('2025-10-08')).toEqual({ kind: 'holiday' });
    // Sunday 28 Sep and Saturday 11 Oct were worked in place of Tuesday 7 and Wednesday 8 Oct.
    expect(CHINESE_HOLIDAYS('2025-09-28')).toEqual({ kind: 'makeup', weekday: 2 });
    expect(CHINESE_HOLIDAYS('2025-10-11')).toEqual({ kind: 'makeup', weekday: 3 });
    expect(CHINESE_HOLIDAYS('2025-10-13')).toBeNull();
    // An ordinary weekend is neither.
    expect(CHINESE_HOLIDAYS('2025-10-12')).toBeNull();
  });

  it('closes a weekday mentor over Spring Festival 2026 and opens the make-up Saturday', () => {
    const slots = computeSlots({
      timeZone: 'Asia/Shanghai',
      rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '14:00', end: '15:00', slotMinutes: 60 })),
      holidaysOff: true,
      holidays: CHINESE_HOLIDAYS,
      now: new Date('2026-02-01T00:00:00Z'),
      from: new Date('2026-02-13T00:00:00+08:00'),
      to: new Date('2026-03-01T00:00:00+08:00'),
      minNoticeHours: 0,
    });
    const days = slots.map((s) => localDate('Asia/Shanghai', new Date(s.startsAt)));
    expect(days).toEqual([
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
    ]);
  });
});

import { exportDay, exportFileName } from './export-names';

describe('export file names', () => {
  it("join what, which and when with dashes, in the reader's words", () => {
    expect(exportFileName(['签到记录', '创业沙龙：融资', '2026-12-08'], 'csv')).toBe(
      '签到记录-创业沙龙：融资-2026-12-08.csv',
    );
    expect(exportFileName(['attendance', 'Pitch night', '2026-12-08'], 'csv')).toBe(
      'attendance-Pitch night-2026-12-08.csv',
    );
    expect(exportFileName(['年度报告', '衡阳高新区', 2026], 'xlsx')).toBe('年度报告-衡阳高新区-2026.xlsx');
  });

  it('drop empty parts and characters file systems refuse, and cut long titles', () => {
    expect(exportFileName(['报名名单', 'a/b:c*d?"e"<f>|g', null, ''], 'csv')).toBe(
      '报名名单-a b c d e f g.csv',
    );
    expect(exportFileName(['x'.repeat(100)], 'csv')).toBe(`${'x'.repeat(60)}.csv`);
    expect(exportFileName([], 'pdf')).toBe('wutong.pdf');
  });

  it('date a moment by the day it is in the given zone', () => {
    // 23:30 on 31 December in Shanghai is still 2026 there, 2027 in Tokyo's next hour.
    expect(exportDay('2026-12-31T15:30:00Z', 'Asia/Shanghai')).toBe('2026-12-31');
    expect(exportDay('2026-12-31T15:30:00Z', 'Asia/Tokyo')).toBe('2027-01-01');
  });
});

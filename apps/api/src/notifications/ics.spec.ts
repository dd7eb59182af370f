import ICAL from 'ical.js';
import { buildIcs } from './ics';

describe('buildIcs', () => {
  it('writes one VEVENT per entry in the given zone that a real iCalendar parser reads back', () => {
    const ics = buildIcs('REQUEST', 'Asia/Shanghai', [
      {
        uid: 'session-1@wutong',
        sequence: 0,
        start: new Date('2026-12-31T15:30:00Z'),
        end: new Date('2026-12-31T17:00:00Z'),
        summary: '跨年创业沙龙',
        location: '创新中心 201',
      },
      {
        uid: 'session-2@wutong',
        sequence: 3,
        start: new Date('2027-01-07T11:00:00Z'),
        end: new Date('2027-01-07T13:00:00Z'),
        summary: '第二讲',
      },
    ]);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['session-1@wutong', 'session-2@wutong']);
    expect(events[1].sequence).toBe(3);
    // 15:30Z is 23:30 on 31 December in Shanghai, and still the same instant.
    expect(ics).toContain('DTSTART;TZID=Asia/Shanghai:20261231T233000');
    expect(events[0].summary).toBe('跨年创业沙龙');
    expect(events[0].location).toBe('创新中心 201');
  });

  it('marks every event cancelled in a CANCEL file', () => {
    const ics = buildIcs('CANCEL', 'Asia/Shanghai', [
      {
        uid: 'session-1@wutong',
        sequence: 2,
        start: new Date('2026-12-01T06:00:00Z'),
        end: new Date('2026-12-01T08:00:00Z'),
        summary: 'x',
      },
    ]);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

import type { EventAttendance, Locale } from '@wutong/shared';
import { toCsv } from '../common/http/csv';

const HEADERS = {
  'zh-CN': ['姓名', '企业', '手机', '类型', '出席场次', '是否结业'],
  en: ['Name', 'Company', 'Phone', 'Kind', 'Sessions attended', 'Completed'],
};
const WORDS = {
  'zh-CN': { registered: '报名', walk_in: '现场登记', yes: '是', no: '否', present: '✓' },
  en: { registered: 'Registered', walk_in: 'Walk-in', yes: 'yes', no: 'no', present: '✓' },
};

/** One row per attendee with a column per session (in the carrier's zone), headers in the reader's language. */
export function attendanceCsv(locale: Locale, timeZone: string, attendance: EventAttendance): string {
  const w = WORDS[locale];
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  return toCsv([
    [...HEADERS[locale], ...attendance.sessions.map((s) => s.title ?? day.format(new Date(s.startsAt)))],
    ...attendance.attendees.map((a) => [
      a.name,
      a.companyName,
      a.phone,
      w[a.kind],
      `${a.attended}/${attendance.sessions.length}`,
      a.completed ? w.yes : w.no,
      ...attendance.sessions.map((s) => (a.sessionIds.includes(s.sessionId) ? w.present : '')),
    ]),
  ]);
}

import ExcelJS from 'exceljs';
import type { CompanyRecordView, Locale } from '@wutong/shared';
import { xlsxRow } from '../common/http/csv';

/** "2026-06-09 14:00" in the zone: what a spreadsheet sorts and reads. */
function wallClock(iso: string | null, zone: string): string | null {
  if (!iso) return null;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

const WORDS = {
  'zh-CN': {
    events: ['报名活动', ['开始时间', '活动', '类型', '载体', '人员', '状态']],
    visits: ['到场', ['场次时间', '活动', '载体', '人员', '签到时间', '现场登记']],
    mentoring: ['导师辅导', ['时间', '导师', '创业者', '主题', '状态', '辅导记录']],
    certificates: ['证书', ['编号', '活动', '载体', '持有人', '学时', '颁发时间']],
    yes: '是',
  },
  en: {
    events: ['Events', ['Starts', 'Event', 'Type', 'Carrier', 'Person', 'Status']],
    visits: ['Visits', ['Session', 'Event', 'Carrier', 'Person', 'Checked in', 'Walk-in']],
    mentoring: ['Mentoring', ['When', 'Mentor', 'Founder', 'Topic', 'Status', 'Record']],
    certificates: ['Certificates', ['Serial', 'Event', 'Carrier', 'Holder', 'Hours', 'Issued']],
    yes: 'yes',
  },
} as const;

/** The company's file as a workbook: one sheet per kind, dates in the carrier's (or mentor's) zone. */
export async function companyRecordXlsx(view: CompanyRecordView, locale: Locale): Promise<Buffer> {
  const w = WORDS[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Wutong';
  const sheet = ([name, head]: readonly [string, readonly string[]], rows: (string | number | null)[][]) => {
    const s = book.addWorksheet(name);
    s.addRow([...head]).font = { bold: true };
    for (const row of rows) s.addRow(xlsxRow(row));
    s.columns.forEach((c) => (c.width = 22));
  };
  sheet(
    w.events,
    view.events.map((e) => [
      wallClock(e.startsAt, e.timeZone),
      e.title,
      e.type,
      e.carrier,
      e.person,
      e.status,
    ]),
  );
  sheet(
    w.visits,
    view.visits.map((v) => [
      wallClock(v.sessionStartsAt, v.timeZone),
      v.title,
      v.carrier,
      v.person,
      wallClock(v.checkedInAt, v.timeZone),
      v.walkIn ? w.yes : null,
    ]),
  );
  sheet(
    w.mentoring,
    view.mentoring.map((m) => [
      wallClock(m.startsAt, m.timeZone),
      m.mentor,
      m.founder,
      m.topic,
      m.status,
      m.summary,
    ]),
  );
  sheet(
    w.certificates,
    view.certificates.map((c) => [c.serial, c.title, c.carrier, c.holder, c.hours, c.issuedAt.slice(0, 10)]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

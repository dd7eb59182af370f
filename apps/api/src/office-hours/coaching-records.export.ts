import type { CoachingRecordsView, Locale } from '@wutong/shared';
import ExcelJS from 'exceljs';
import { xlsxRow, type Cell } from '../common/http/csv';

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': [
    '开始时间',
    '时区',
    '导师',
    '创业者',
    '企业',
    '主题',
    '记录',
    '议题',
    '行动项',
    '后续建议',
    '记录时间',
  ],
  en: [
    'Starts',
    'Time zone',
    'Mentor',
    'Founder',
    'Company',
    'Topic',
    'Record',
    'Topics',
    'Actions',
    'Follow-up',
    'Recorded',
  ],
};

/** "2026-06-09 14:00" in the session's zone: what a spreadsheet sorts and reads. */
function wallClock(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** One row per session; a session without a record says so in the record column. */
export function coachingRecordRows(view: CoachingRecordsView, locale: Locale): Cell[][] {
  const zh = locale === 'zh-CN';
  const owner = (o: 'founder' | 'mentor') => (zh ? (o === 'founder' ? '创业者' : '导师') : o);
  return [
    HEADERS[locale],
    ...view.items.map((i) => [
      wallClock(i.startsAt, i.timeZone),
      i.timeZone,
      i.mentor.displayName,
      i.founder.displayName,
      i.founder.companyName,
      i.topic,
      i.record?.summary ?? (zh ? '（缺记录）' : '(no record)'),
      i.record?.topics.join(zh ? '、' : ', '),
      i.record?.actions
        .map(
          (a) =>
            `${a.doneAt ? '✓' : '○'} ${a.text} (${owner(a.owner)}${a.due ? (zh ? `，${a.due} 前` : `, by ${a.due}`) : ''})`,
        )
        .join('\n'),
      i.record?.followUp,
      i.record ? wallClock(i.record.recordedAt, i.timeZone) : null,
    ]),
  ];
}

/** The same rows as a workbook: one sheet, a bold header, wrapped record and action cells. */
export async function coachingRecordsXlsx(view: CoachingRecordsView, locale: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Wutong';
  const sheet = book.addWorksheet(locale === 'zh-CN' ? '辅导记录' : 'Coaching records');
  const [head, ...rows] = coachingRecordRows(view, locale);
  sheet.addRow(head).font = { bold: true };
  for (const row of rows) sheet.addRow(xlsxRow(row)).alignment = { wrapText: true, vertical: 'top' };
  [18, 16, 12, 12, 20, 30, 50, 20, 50, 30, 18].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  return Buffer.from(await book.xlsx.writeBuffer());
}

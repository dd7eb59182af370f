import PDFDocument from 'pdfkit';
import type { Locale } from '@wutong/shared';

/** The certificates' font (Noto Sans SC, from an npm package), embedded and subset to the glyphs used. */
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export interface SheetPerson {
  name: string;
  company: string | null;
  /** Already masked (138****5678). */
  phone: string;
  /** HH:mm in the carrier's zone; null when not checked in (or on a blank sheet). */
  checkedInAt: string | null;
}

export interface SignInSheetContent {
  filled: boolean;
  carrier: string;
  event: string;
  /** "第 2 场：融资路演" or the event's only session. */
  session: string;
  place: string;
  /** "2026-12-08 19:00–21:00 (Asia/Shanghai)" */
  time: string;
  registrants: SheetPerson[];
  /** Filled sheets: the walk-ins checked in; blank sheets: none (empty rows are printed instead). */
  walkIns: SheetPerson[];
  /** When the sheet was printed, in the carrier's zone. */
  printedAt: string;
}

/** Empty rows a blank sheet leaves for walk-ins to write themselves in. */
export const BLANK_WALK_IN_ROWS = 10;

export const SHEET_WORDS = {
  'zh-CN': {
    title: '签到表',
    filledTitle: '签到记录表',
    carrier: '载体',
    event: '活动',
    session: '场次',
    place: '地点',
    time: '时间',
    columns: ['序号', '姓名', '单位 / 企业', '手机', '签到时间', '签名'],
    walkIns: '现场报名',
    summary: (registered: number, present: number, walkIns: number) =>
      `报名 ${registered} 人，到场 ${present} 人，现场报名 ${walkIns} 人`,
    page: (n: number, of: number) => `第 ${n} / ${of} 页`,
    printed: (at: string) => `打印于 ${at}`,
    online: '线上',
  },
  en: {
    title: 'Sign-in sheet',
    filledTitle: 'Sign-in record',
    carrier: 'Carrier',
    event: 'Event',
    session: 'Session',
    place: 'Place',
    time: 'Time',
    columns: ['No.', 'Name', 'Company', 'Phone', 'Checked in', 'Signature'],
    walkIns: 'Walk-ins',
    summary: (registered: number, present: number, walkIns: number) =>
      `${registered} registered, ${present} present, ${walkIns} walk-ins`,
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    printed: (at: string) => `Printed ${at}`,
    online: 'Online',
  },
} satisfies Record<Locale, unknown>;

const MARGIN = 40;
const ROW = 26;
/** Column widths of the A4 portrait table (515 points wide). */
const WIDTHS = [32, 88, 150, 80, 60, 105];

/** A4 portrait, as many pages as the rows need, the head and the table's head on every page. */
export function renderSignInSheet(c: SignInSheetContent, locale: Locale): Promise<Buffer> {
  const w = SHEET_WORDS[locale];
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${c.filled ? w.filledTitle : w.title} ${c.event}`, Author: c.carrier },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - 24;
  let y = MARGIN;

  const text = (s: string, x: number, top: number, cellWidth: number, font = 'body', size = 10) =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor('#1f1f1f')
      .text(s, x, top, { width: cellWidth, height: ROW - 6, ellipsis: true, lineBreak: false });

  const tableHead = () => {
    let x = MARGIN;
    doc.rect(MARGIN, y, width, ROW).fill('#eef4f0');
    WIDTHS.forEach((cw, i) => {
      text(w.columns[i], x + 4, y + 7, cw - 8, 'bold');
      x += cw;
    });
    y += ROW;
  };

  const header = () => {
    doc
      .font('bold')
      .fontSize(18)
      .fillColor('#1f7a4d')
      .text(c.filled ? w.filledTitle : w.title, MARGIN, y, { width, align: 'center' });
    y = doc.y + 6;
    for (const [label, value] of [
      [w.carrier, c.carrier],
      [w.event, c.event],
      [w.session, c.session],
      [w.place, c.place],
      [w.time, c.time],
    ]) {
      doc.font('bold').fontSize(10).fillColor('#555').text(label, MARGIN, y, { width: 50 });
      doc
        .font('body')
        .fontSize(10)
        .fillColor('#1f1f1f')
        .text(value, MARGIN + 54, y, { width: width - 54 });
      y = Math.max(doc.y, y + 14) + 2;
    }
    y += 6;
    tableHead();
  };

  const line = (cells: string[]) => {
    if (y + ROW > bottom) {
      doc.addPage();
      y = MARGIN;
      header();
    }
    let x = MARGIN;
    WIDTHS.forEach((cw, i) => {
      doc.rect(x, y, cw, ROW).lineWidth(0.5).stroke('#999');
      if (cells[i]) text(cells[i], x + 4, y + 7, cw - 8);
      x += cw;
    });
    y += ROW;
  };

  header();
  let n = 0;
  const person = (p: SheetPerson) =>
    line([String(++n), p.name, p.company ?? '', p.phone, p.checkedInAt ?? '', '']);
  for (const p of c.registrants) person(p);
  if (c.filled) {
    if (c.walkIns.length > 0) {
      if (y + 2 * ROW > bottom) {
        doc.addPage();
        y = MARGIN;
        header();
      }
      doc
        .font('bold')
        .fontSize(11)
        .fillColor('#1f7a4d')
        .text(w.walkIns, MARGIN, y + 6, { width });
      y += ROW;
      for (const p of c.walkIns) person(p);
    }
    const present = c.registrants.filter((p) => p.checkedInAt).length;
    if (y + ROW > bottom) {
      doc.addPage();
      y = MARGIN;
      header();
    }
    doc
      .font('body')
      .fontSize(10)
      .fillColor('#1f1f1f')
      .text(w.summary(c.registrants.length, present + c.walkIns.length, c.walkIns.length), MARGIN, y + 8, {
        width,
      });
  } else {
    for (let i = 0; i < BLANK_WALK_IN_ROWS; i++) line([String(++n), '', '', '', '', '']);
  }

  // Page numbers once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Inside the bottom margin: without this pdfkit would open a page for the footer.
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#777')
      .text(
        `${w.page(i + 1, range.count)} · ${w.printed(c.printedAt)}`,
        MARGIN,
        doc.page.height - MARGIN - 10,
        {
          width,
          align: 'right',
          lineBreak: false,
        },
      );
  }
  doc.end();
  return done;
}

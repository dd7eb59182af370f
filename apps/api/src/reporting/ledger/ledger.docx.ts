import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Locale } from '@wutong/shared';
import {
  LEDGER_WORDS,
  entryCells,
  totalsCells,
  type Ledger,
  type LedgerRow,
  type LedgerTotals,
} from './ledger.model';
import type { EventPhoto } from './ledger.sources';

const cell = (value: string | number | null, bold = false) =>
  new TableCell({
    children: [
      new Paragraph({ children: [new TextRun({ text: value === null ? '' : String(value), bold })] }),
    ],
  });
const row = (values: (string | number | null)[], bold = false) =>
  new TableRow({ children: values.map((v) => cell(v, bold)) });
const table = (rows: TableRow[]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });

/**
 * The ledger as a Word document: the title and period, a heading per month and per carrier with a
 * table of its entries and their subtotal, each event's photos after its carrier's table, and the
 * totals table last (the one a reader of the figures looks for).
 */
export async function ledgerDocx(ledger: Ledger, locale: Locale): Promise<Buffer> {
  const w = LEDGER_WORDS[locale];
  // The entry columns of the docx: everything of the sheet but the month and carrier (the headings).
  const head = w.head.slice(2);
  const entry = (r: LedgerRow) => entryCells(r, locale);
  const sums = (label: string, t: LedgerTotals) => [
    null,
    null,
    label,
    t.sessions,
    t.registered,
    t.checkedIn,
    t.walkIns,
    t.companies,
    null,
    t.photos,
  ];
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(ledger.title)] }),
    new Paragraph({ children: [new TextRun(ledger.periodLine)] }),
  ];
  if (ledger.groups.length === 0) body.push(new Paragraph({ children: [new TextRun(w.none)] }));
  let month = '';
  for (const g of ledger.groups) {
    if (g.month !== month) {
      month = g.month;
      body.push(
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(w.month(g.month))] }),
      );
    }
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(g.carrier)] }));
    body.push(
      table([row(head, true), ...g.rows.map((r) => row(entry(r))), row(sums(w.subtotal, g.subtotal), true)]),
    );
    for (const r of g.rows) {
      if (r.photos.length === 0) continue;
      body.push(
        new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(w.photos(r.title))] }),
      );
      for (const p of r.photos)
        body.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({ type: p.type, data: p.data, transformation: photoSize(p) }),
              ...(p.caption ? [new TextRun({ text: p.caption, break: 1 })] : []),
            ],
          }),
        );
    }
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(w.total)] }));
  body.push(table([row(w.totalsHead, true), row(totalsCells(ledger.total))]));
  const doc = new Document({
    creator: 'Wutong',
    title: ledger.title,
    styles: {
      // East Asian text in a font every Chinese Windows and macOS has; readers substitute elsewhere.
      default: {
        document: { run: { font: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'Microsoft YaHei' } } },
      },
    },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(doc);
}

/** 480 × 320 points at most, in the photo's own proportions when known. */
function photoSize(p: EventPhoto): { width: number; height: number } {
  if (!p.width || !p.height) return { width: 480, height: 320 };
  const scale = Math.min(480 / p.width, 320 / p.height);
  return { width: Math.round(p.width * scale), height: Math.round(p.height * scale) };
}

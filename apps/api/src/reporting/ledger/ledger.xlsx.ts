import ExcelJS from 'exceljs';
import type { Locale } from '@wutong/shared';
import { xlsxRow } from '../../common/http/csv';
import { LEDGER_WORDS, entryCells, totalsCells, type Ledger, type LedgerTotals } from './ledger.model';

/**
 * The ledger as one sheet: a title, the period, the head, then per month and carrier its entries and
 * a subtotal row, the total row (label in the Event column), and a block of the totals.
 */
export async function ledgerXlsx(ledger: Ledger, locale: Locale): Promise<Buffer> {
  const w = LEDGER_WORDS[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Wutong';
  const sheet = book.addWorksheet(w.sheet);
  sheet.addRow(xlsxRow([ledger.title])).font = { bold: true, size: 14 };
  sheet.addRow(xlsxRow([ledger.periodLine]));
  sheet.addRow([]);
  sheet.addRow(w.head).font = { bold: true };
  const sums = (label: string, month: string, carrier: string, t: LedgerTotals) =>
    // Companies in a subtotal are distinct within it; satisfaction has no sum.
    xlsxRow([
      month,
      carrier,
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
    ]);
  for (const g of ledger.groups) {
    for (const r of g.rows)
      // Titles and carrier names are user text: formula-escaped (xlsxRow).
      sheet.addRow(xlsxRow([w.month(r.month), r.carrier, ...entryCells(r, locale)]));
    sheet.addRow(sums(w.subtotal, w.month(g.month), g.carrier, g.subtotal)).font = { italic: true };
  }
  if (ledger.groups.length === 0) sheet.addRow(xlsxRow([w.none]));
  sheet.addRow(sums(w.total, '', '', ledger.total)).font = { bold: true };
  // The totals once more as a block of their own (the docx's last table): events held first.
  sheet.addRow([]);
  sheet.addRow([w.total, ...w.totalsHead]).font = { bold: true };
  sheet.addRow([null, ...totalsCells(ledger.total)]);
  sheet.getColumn(2).width = 20;
  sheet.getColumn(5).width = 40;
  return Buffer.from(await book.xlsx.writeBuffer());
}

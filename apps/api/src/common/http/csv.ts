/** Cell values the exports write: text, numbers, and nothing (an empty cell). */
export type Cell = string | number | null | undefined;

/**
 * First characters that make Excel, WPS or LibreOffice read a cell as a formula (= + - @) or that
 * they treat as a field separator or end of string (tab, CR, NUL): CSV / formula injection. Also
 * their full-width forms (＝ ＋ － ＠), which a Chinese input method types and Excel in a CJK locale
 * converts to a formula, and any of them behind leading spaces, which some importers trim.
 */
const FORMULA_START = /^(?:[\t\r\0]|[ \u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * Text as a spreadsheet must show it: a cell starting like a formula gets a leading ' (the
 * spreadsheet convention for "this is text"), so it is displayed, never run. Everything else is
 * left exactly as it is.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Finite numbers stay numbers (a negative figure is not a formula); anything else is escaped text. */
function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return escapeFormula(String(value));
}

/**
 * CSV that opens correctly in Excel: UTF-8 with a BOM (Chinese stays readable), CRLF lines, every
 * cell quoted, and text cells that start like a formula prefixed with ' (see escapeFormula).
 */
export function toCsv(rows: Cell[][]): string {
  const cell = (value: Cell): string => `"${cellText(value).replace(/"/g, '""')}"`;
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Characters an .xlsx (XML 1.0) cannot hold: C0 controls other than tab/LF/CR, DEL (ExcelJS drops
 * it too), U+FFFE/U+FFFF and unpaired surrogates. Removed here, explicitly, so what the workbook
 * holds is exactly what xlsxCell returns.
 */
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A value for an ExcelJS cell. ExcelJS stores strings as text (never as a formula), but a user who
 * edits such a cell turns it into one, so text is formula-escaped like the CSV; numbers stay numbers.
 * Also: XML turns CR into LF anyway (done here so the result is exact), and a literal `_xHHHH_`
 * gets its `_` written as `_x005F_`, since spreadsheets decode `_x003D_` to `=` on reading.
 */
export function xlsxCell(value: Cell): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const text = String(value)
    .replace(NOT_IN_XML, '')
    .replace(/\r\n?/g, '\n')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  return escapeFormula(text);
}

/** A whole row through xlsxCell. */
export const xlsxRow = (values: Cell[]): (string | number | null)[] => values.map(xlsxCell);

/** `attachment` header with a UTF-8 file name (RFC 6266), safe for Chinese names. */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

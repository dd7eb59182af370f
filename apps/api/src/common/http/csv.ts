/**
 * CSV that opens correctly in Excel: UTF-8 with a BOM (Chinese stays readable), CRLF lines, every
 * cell quoted, and cells that start like a formula (= + - @, tab, CR) prefixed with ' so a
 * spreadsheet shows them as text instead of running them (CSV injection).
 */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  const cell = (value: string | number | null | undefined): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replace(/"/g, '""')}"`;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** `attachment` header with a UTF-8 file name (RFC 6266), safe for Chinese names. */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

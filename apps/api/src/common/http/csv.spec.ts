import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { attachmentHeader, escapeFormula, toCsv, xlsxCell, xlsxRow } from './csv';

/** What a spreadsheet would run or mis-split if a cell started with it (full-width forms too). */
const DANGEROUS_START = /^(?:[\t\0]|[ \u3000]*[=+\-@＝＋－＠])/;

/** Reads a CSV the way a spreadsheet library does (ExcelJS over fast-csv), every cell as raw text. */
async function readCsv(csv: string): Promise<string[][]> {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const book = new ExcelJS.Workbook();
  const sheet = await book.csv.read(Readable.from([csv.slice(1)]), { map: (v: string) => v } as never);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? '' : String(v))));
  });
  return rows;
}

/** Writes rows to an .xlsx as the annual report does, and reads the cells back (value and type). */
async function xlsxRoundTrip(rows: string[][]): Promise<{ value: unknown; type: ExcelJS.ValueType }[][]> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('s');
  for (const row of rows) sheet.addRow(xlsxRow(row));
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await book.xlsx.writeBuffer()) as never);
  return rows.map((row, i) =>
    row.map((_, j) => {
      const cell = read.worksheets[0].getRow(i + 1).getCell(j + 1);
      return { value: cell.value, type: cell.type };
    }),
  );
}

/** Code points XML 1.0 can hold (computed here by code point, independently of csv.ts's regex). */
function xmlSafe(text: string): string {
  return Array.from(text)
    .filter((ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x9 || cp === 0xa || cp === 0xd) return true;
      if (cp < 0x20 || cp === 0x7f) return false;
      if (cp >= 0xd800 && cp <= 0xdfff) return false;
      return cp !== 0xfffe && cp !== 0xffff;
    })
    .join('');
}

// Any text, biased towards what breaks CSV and spreadsheets: formula starts, quotes, separators,
// line breaks, NUL, lone surrogates, Excel's _xHHHH_ escapes, Chinese.
const nasty = fc.constantFrom(
  '=',
  '+',
  '-',
  '@',
  '＝',
  '＋',
  '－',
  '＠',
  '\u3000',
  '\t',
  '\0',
  '\r',
  '\n',
  '\r\n',
  '"',
  ',',
  "'",
  ' ',
  '_x003D_',
  '\uD800',
  '\uFFFF',
  '\x7F',
  '\x1B',
  'a',
  '中',
  '😀',
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: nasty, maxLength: 12 }),
  fc
    .tuple(
      fc.constantFrom('', ' ', '  ', '\u3000'),
      fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', '\t', '\0', '\r'),
      fc.string({ maxLength: 20 }),
    )
    .map(([spaces, head, tail]) => spaces + head + tail),
);
const table = fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

const CSV_RUNS = 1000;
const XLSX_RUNS = 200;
// Generous: the machine may be shared with other suites; a run takes a few seconds when idle.
const PROPERTY_TIMEOUT = 180_000;

describe('toCsv', () => {
  it('starts with a BOM, quotes every cell and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['姓名', 'note'],
        ['王芳', 'says "hi", twice'],
      ]),
    ).toBe('\uFEFF"姓名","note"\r\n"王芳","says ""hi"", twice"\r\n');
  });

  it.each([
    '=SUM(A1:A2)',
    '+86 138',
    '-1',
    '@cmd',
    '\tx',
    '\0x',
    '\r=1',
    '＝1+1',
    '＋86',
    '－1',
    '＠cmd',
    ' =1',
    '\u3000＝1',
  ])('escapes the formula-like cell %j', (value) => {
    expect(toCsv([[value]])).toBe(`\uFEFF"'${value.replace(/"/g, '""')}"\r\n`);
  });

  it.each(['王芳', '1+1', 'a=b', '中＝文', '  spaced'])('leaves the ordinary cell %j as it is', (value) => {
    expect(toCsv([[value]])).toBe(`\uFEFF"${value}"\r\n`);
  });

  it('writes empty cells for null and undefined, and numbers (negative too) as numbers', () => {
    expect(toCsv([[null, undefined, 0, -12.5, 3]])).toBe('\uFEFF"","","0","-12.5","3"\r\n');
  });

  it(
    `round-trips any text through a CSV reader, changed only by the formula prefix (${CSV_RUNS} runs)`,
    async () => {
      let cells = 0;
      await fc.assert(
        fc.asyncProperty(table, async (rows) => {
          const read = await readCsv(toCsv(rows));
          expect(read).toEqual(rows.map((r) => r.map(escapeFormula)));
          rows.forEach((row, i) =>
            row.forEach((original, j) => {
              const cell = read[i][j];
              // Either untouched, or the original behind the documented ' prefix.
              if (cell !== original) expect(cell).toBe(`'${original}`);
              expect(cell).not.toMatch(DANGEROUS_START);
              cells++;
            }),
          );
        }),
        { numRuns: CSV_RUNS },
      );
      console.log(`csv property: ${CSV_RUNS} runs, ${cells} cells read back, 0 formula-like cells unescaped`);
    },
    PROPERTY_TIMEOUT,
  );
});

describe('xlsxCell', () => {
  it('leaves plain text and numbers alone and escapes formula-like text', () => {
    expect(xlsxRow(['王芳', 42, -3, null, undefined])).toEqual(['王芳', 42, -3, null, null]);
    expect(xlsxCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(xlsxCell('\0=1')).toBe("'=1");
  });

  it(
    `round-trips any text through a workbook as text, never a formula (${XLSX_RUNS} runs)`,
    async () => {
      let cells = 0;
      await fc.assert(
        fc.asyncProperty(table, async (rows) => {
          const read = await xlsxRoundTrip(rows);
          rows.forEach((row, i) =>
            row.forEach((original, j) => {
              const { value, type } = read[i][j];
              // The documented changes only: characters XML cannot hold dropped, CR as LF, the ' prefix.
              expect(value).toBe(escapeFormula(xmlSafe(original).replace(/\r\n?/g, '\n')));
              expect(type).toBe(ExcelJS.ValueType.String);
              expect(value).not.toMatch(DANGEROUS_START);
              cells++;
            }),
          );
        }),
        { numRuns: XLSX_RUNS },
      );
      console.log(`xlsx property: ${XLSX_RUNS} runs, ${cells} cells read back, 0 formulas, 0 unescaped`);
    },
    PROPERTY_TIMEOUT,
  );
});

describe('attachmentHeader', () => {
  it('keeps an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentHeader('报名-2026.csv')).toBe(
      `attachment; filename="__-2026.csv"; filename*=UTF-8''%E6%8A%A5%E5%90%8D-2026.csv`,
    );
  });
});

import { attachmentHeader, toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, quotes every cell and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['姓名', 'note'],
        ['王芳', 'says "hi", twice'],
      ]),
    ).toBe('\uFEFF"姓名","note"\r\n"王芳","says ""hi"", twice"\r\n');
  });

  it.each(['=SUM(A1:A2)', '+86 138', '-1', '@cmd', '\tx'])('escapes the formula-like cell %j', (value) => {
    expect(toCsv([[value]])).toBe(`\uFEFF"'${value.replace(/"/g, '""')}"\r\n`);
  });

  it('writes empty cells for null and undefined', () => {
    expect(toCsv([[null, undefined, 0]])).toBe('\uFEFF"","","0"\r\n');
  });
});

describe('attachmentHeader', () => {
  it('keeps an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentHeader('报名-2026.csv')).toBe(
      `attachment; filename="__-2026.csv"; filename*=UTF-8''%E6%8A%A5%E5%90%8D-2026.csv`,
    );
  });
});

import JSZip from 'jszip';

/** supertest's parser for a binary body (PDF, XLSX, DOCX): the bytes as one Buffer. */
export function binary(
  res: { on(event: string, listener: (chunk: Buffer) => void): unknown },
  cb: (err: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

// pdf-parse's package entry runs its own self-test when required; its library file is the parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePdf = require('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
) => Promise<{ text: string; numpages: number }>;

/** What an outside reader gets out of a PDF: its text (Mozilla's pdf.js) and its number of pages. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  // A copy with an ArrayBuffer of its own: pdf-parse's pdf.js (1.10) reads `buffer` from its start,
  // and a Buffer may be a slice of a shared pool (Node 24's readFileSync returns one).
  const { text, numpages } = await parsePdf(new Uint8Array(pdf) as Buffer);
  return { text, pages: numpages };
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (xml: string) =>
  unescapeXml([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

/** A .docx read back as a word processor would: its paragraphs' text and its tables (rows of cell texts). */
export async function readDocx(docx: Buffer): Promise<{ text: string; tables: string[][][] }> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1])),
    ),
  );
  const text = [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((p) => textOf(p[1])).join('\n');
  return { text, tables };
}

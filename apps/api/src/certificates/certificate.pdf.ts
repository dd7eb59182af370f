import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/** Noto Sans SC from an npm package: embedded (subset to the glyphs used) so every reader shows the Chinese. */
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export interface CertificateContent {
  serial: string;
  holderName: string;
  eventTitle: string;
  organizationName: string;
  firstDay: string;
  lastDay: string;
  hours: number;
  issuedOn: string;
  verifyUrl: string;
}

const zhDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The certificate's sentences: one date for a one-day event, a range for a longer one. */
export function certificateWording(c: CertificateContent): { zh: string; en: string } {
  const oneDay = c.firstDay === c.lastDay;
  const zhWhen = oneDay ? zhDay(c.firstDay) : `${zhDay(c.firstDay)}至${zhDay(c.lastDay)}`;
  const enWhen = oneDay ? c.firstDay : `${c.firstDay} – ${c.lastDay}`;
  return {
    zh: `${c.holderName} 于 ${zhWhen}参加${c.organizationName}举办的「${c.eventTitle}」，完成 ${c.hours} 学时，成绩合格，准予结业。`,
    en: `This certifies that ${c.holderName} completed "${c.eventTitle}" (${c.hours} learning hours, ${enWhen}) held by ${c.organizationName}.`,
  };
}

/** A one-page landscape A4 certificate with a QR code that opens the public verification page. */
export async function renderCertificate(c: CertificateContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `结业证书 ${c.serial}`, Author: c.organizationName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const { width, height } = doc.page;

  doc
    .rect(24, 24, width - 48, height - 48)
    .lineWidth(3)
    .stroke('#1f7a4d');
  doc
    .rect(34, 34, width - 68, height - 68)
    .lineWidth(0.8)
    .stroke('#1f7a4d');
  doc.font('bold').fontSize(40).fillColor('#1f7a4d').text('结业证书', 0, 80, { align: 'center', width });
  doc
    .font('body')
    .fontSize(14)
    .fillColor('#555')
    .text('CERTIFICATE OF COMPLETION', 0, 132, { align: 'center', width, characterSpacing: 3 });

  const wording = certificateWording(c);
  const body = wording.zh;
  doc
    .font('body')
    .fontSize(20)
    .fillColor('#1f1f1f')
    .text(body, 110, 200, { width: width - 220, align: 'left', lineGap: 10 });
  const english = wording.en;
  doc
    .fontSize(11)
    .fillColor('#666')
    .text(english, 110, doc.y + 16, { width: width - 220, lineGap: 4 });

  doc.image(qr, 110, height - 200, { width: 110 });
  doc
    .fontSize(10)
    .fillColor('#555')
    .text(`证书编号 No. ${c.serial}`, 235, height - 175);
  doc.text('扫码核验真伪 Scan to verify', 235, height - 158);
  doc
    .fontSize(16)
    .fillColor('#1f1f1f')
    .text(c.organizationName, width - 430, height - 170, { width: 320, align: 'right' });
  doc
    .fontSize(12)
    .fillColor('#555')
    .text(c.issuedOn, width - 430, height - 142, { width: 320, align: 'right' });
  doc.end();
  return done;
}

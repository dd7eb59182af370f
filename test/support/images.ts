import sharp from 'sharp';

/** A plain picture of one colour, as sharp writes it (no metadata). */
export async function picture(
  format: 'jpeg' | 'png' | 'webp',
  width = 640,
  height = 480,
  colour = { r: 200, g: 80, b: 40 },
): Promise<Buffer> {
  const blank = sharp({ create: { width, height, channels: 3, background: colour } });
  return blank[format]().toBuffer();
}

/**
 * A JPEG that carries where it was taken: an EXIF APP1 segment (big-endian TIFF) with a GPS IFD
 * (31°14′N 121°29′E, Shanghai), made by hand so the test knows exactly what is in it.
 */
export async function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  const jpeg = await picture('jpeg', width, height);
  const tiff = Buffer.alloc(128);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0: one entry, GPSInfo → the GPS IFD at 26.
  tiff.writeUInt16BE(1, 8);
  entry(tiff, 10, 0x8825, 4, 1, 26);
  tiff.writeUInt32BE(0, 22);
  // GPS IFD: latitude and longitude with their references; the rationals follow at 80 and 104.
  tiff.writeUInt16BE(4, 26);
  entry(tiff, 28, 0x0001, 2, 2, 0);
  tiff.write('N', 36, 'latin1');
  entry(tiff, 40, 0x0002, 5, 3, 80);
  entry(tiff, 52, 0x0003, 2, 2, 0);
  tiff.write('E', 60, 'latin1');
  entry(tiff, 64, 0x0004, 5, 3, 104);
  tiff.writeUInt32BE(0, 76);
  [31, 14, 0].forEach((v, i) => rational(tiff, 80 + i * 8, v));
  [121, 29, 0].forEach((v, i) => rational(tiff, 104 + i * 8, v));
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  // Right after SOI (FF D8), where cameras put it.
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

function entry(b: Buffer, at: number, tag: number, type: number, count: number, value: number): void {
  b.writeUInt16BE(tag, at);
  b.writeUInt16BE(type, at + 2);
  b.writeUInt32BE(count, at + 4);
  if (type !== 2) b.writeUInt32BE(value, at + 8);
}

function rational(b: Buffer, at: number, value: number): void {
  b.writeUInt32BE(value, at);
  b.writeUInt32BE(1, at + 4);
}

/** The file carries an EXIF segment (APP1 "Exif") anywhere in it. */
export const hasExifSegment = (bytes: Buffer) => bytes.includes(Buffer.from('Exif\0\0', 'latin1'));

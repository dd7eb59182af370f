import sharp from 'sharp';
import { DomainException } from '../common/errors/domain.exception';

/** The largest upload accepted (docs/api.md, "Event images"). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Longest side of a stored image; larger uploads are scaled down. */
export const MAX_IMAGE_SIDE = 2560;
/** Longest side of a thumbnail (galleries, the ledger's .docx). */
export const THUMBNAIL_SIDE = 480;
/** Refuses decompression bombs: a small file that would decode to gigabytes. */
const MAX_INPUT_PIXELS = 60_000_000;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface ProcessedImage {
  contentType: ImageType;
  data: Buffer;
  width: number;
  height: number;
  thumbnail: { data: Buffer; width: number; height: number };
}

export const unsupportedImage = () => new DomainException('UNSUPPORTED_IMAGE');

/** The type the bytes say they are (their signature), whatever the file's name or Content-Type claim. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

const SHARP_FORMAT: Record<ImageType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * Decodes the upload and writes it anew in its own format: turned upright by its EXIF orientation,
 * scaled to MAX_IMAGE_SIDE at most, and without any metadata (EXIF, GPS, XMP, comments) — sharp
 * writes none unless asked. Plus a JPEG thumbnail on white. Anything that does not decode as what its
 * signature says is UNSUPPORTED_IMAGE.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  const contentType = sniffImageType(bytes);
  if (!contentType) throw unsupportedImage();
  const source = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
  try {
    const meta = await source().metadata();
    if (meta.format !== SHARP_FORMAT[contentType] || !meta.width || !meta.height) throw unsupportedImage();
    const upright = source()
      .rotate()
      .resize(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, { fit: 'inside', withoutEnlargement: true });
    const encoded =
      contentType === 'image/jpeg'
        ? upright.jpeg({ quality: 85, mozjpeg: true })
        : contentType === 'image/png'
          ? upright.png({ compressionLevel: 9 })
          : upright.webp({ quality: 85 });
    const full = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await source()
      .rotate()
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return {
      contentType,
      data: full.data,
      width: full.info.width,
      height: full.info.height,
      thumbnail: { data: thumbnail.data, width: thumbnail.info.width, height: thumbnail.info.height },
    };
  } catch (error) {
    if (error instanceof DomainException) throw error;
    // sharp's decoding errors: a truncated, corrupt or oversized picture.
    throw unsupportedImage();
  }
}

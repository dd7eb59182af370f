/** Reads a QR code out of a camera frame. Behind an interface so the library can change. */
export interface QrDecoder {
  readonly name: string;
  decode(frame: ImageData): Promise<string | null>;
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageData): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** The browser's own detector (Android Chrome, Safari 17+), which is faster than decoding in JS. */
async function nativeDecoder(): Promise<QrDecoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return {
      name: 'BarcodeDetector',
      decode: async (frame) => (await detector.detect(frame))[0]?.rawValue ?? null,
    };
  } catch {
    return null;
  }
}

/** jsQR, loaded on first use so that it stays out of the start-up bundle. */
async function jsQrDecoder(): Promise<QrDecoder> {
  const { default: jsQR } = await import('jsqr');
  return {
    name: 'jsQR',
    decode: (frame) =>
      Promise.resolve(
        jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data ?? null,
      ),
  };
}

let chosen: Promise<QrDecoder> | null = null;

/** The best decoder this browser has: its native BarcodeDetector when it reads QR codes, else jsQR. */
export function qrDecoder(): Promise<QrDecoder> {
  chosen ??= nativeDecoder().then((native) => native ?? jsQrDecoder());
  return chosen;
}

/**
 * The ticket code in what a QR code holds: the code itself, or a link that carries it as `?ticket=`
 * or `?code=` (in case tickets ever encode a URL).
 */
export function ticketCodeFrom(text: string): string {
  const value = text.trim();
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return url.searchParams.get('ticket') ?? url.searchParams.get('code') ?? value;
    } catch {
      return value;
    }
  }
  return value;
}

import { GlobalFonts, createCanvas, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { EVENT_TYPE_NAMES, type EventView, type Locale } from '@wutong/shared';
import { sessionTime } from './render';

// The same embedded font as the certificates: Chinese renders on any server, whatever it has installed.
const FONT = 'WutongPoster';
GlobalFonts.registerFromPath(
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  FONT,
);
GlobalFonts.registerFromPath(
  require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  `${FONT} Bold`,
);

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1334;
const GREEN = '#2f7d32';
const MARGIN = 56;

const WORDS = {
  'zh-CN': { scan: '微信扫码，查看详情并报名', more: (n: number) => `等共 ${n} 场`, host: '主办' },
  en: {
    scan: 'Scan to see the event and register',
    more: (n: number) => `${n} sessions in all`,
    host: 'Host',
  },
} as const;

/** Lines of at most `width` pixels: Chinese breaks between any two characters, other text at spaces. */
export function wrap(ctx: SKRSContext2D, text: string, width: number, maxLines: number): string[] {
  const tokens =
    text.match(
      /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g,
    ) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const next = line + token;
    if (ctx.measureText(next.trimEnd()).width <= width || line === '') {
      line = next;
      continue;
    }
    lines.push(line.trim());
    line = token.trimStart();
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line.trim()) lines.push(line.trim());
  if (lines.length === maxLines && tokens.join('').trim() !== lines.join('').trim()) {
    let last = lines[maxLines - 1];
    while (last && ctx.measureText(`${last}…`).width > width) last = last.slice(0, -1);
    lines[maxLines - 1] = `${last}…`;
  }
  return lines;
}

/**
 * A poster to share in chat groups and Moments (750 × 1334, a phone screen): the event's type,
 * title, times in the carrier's zone, place and host, and a QR code of its public page.
 */
export async function renderPoster(
  event: EventView,
  url: string,
  locale: Locale,
  cover: Buffer | null = null,
): Promise<Buffer> {
  const w = WORDS[locale];
  const canvas = createCanvas(POSTER_WIDTH, POSTER_HEIGHT);
  const ctx = canvas.getContext('2d');
  const inner = POSTER_WIDTH - 2 * MARGIN;

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  ctx.fillStyle = GREEN;
  ctx.fillRect(0, 0, POSTER_WIDTH, 120);
  ctx.fillStyle = '#ffffff';
  ctx.font = `40px "${FONT} Bold"`;
  ctx.fillText('梧桐 Wutong', MARGIN, 76);

  let y = 200;
  // The cover, cut to a 750 × 220 band under the header; the rest then gets fewer lines and a smaller QR code.
  const picture = cover ? await loadImage(cover).catch(() => null) : null;
  if (picture) {
    const band = 220;
    const scale = Math.max(POSTER_WIDTH / picture.width, band / picture.height);
    const sw = POSTER_WIDTH / scale;
    const sh = band / scale;
    ctx.drawImage(
      picture,
      (picture.width - sw) / 2,
      (picture.height - sh) / 2,
      sw,
      sh,
      0,
      120,
      POSTER_WIDTH,
      band,
    );
    y += band;
  }
  ctx.fillStyle = GREEN;
  ctx.font = `30px "${FONT}"`;
  ctx.fillText(EVENT_TYPE_NAMES[event.type][locale], MARGIN, y);

  y += 30;
  ctx.fillStyle = '#1f1f1f';
  ctx.font = `56px "${FONT} Bold"`;
  for (const line of wrap(ctx, event.title, inner, picture ? 2 : 4)) {
    y += 76;
    ctx.fillText(line, MARGIN, y);
  }

  y += 40;
  ctx.font = `30px "${FONT}"`;
  ctx.fillStyle = '#333333';
  const shown = event.sessions.slice(0, picture ? 2 : 3);
  for (const s of shown) {
    for (const line of wrap(ctx, sessionTime(s.startsAt, s.endsAt, locale, event.timeZone), inner, 2)) {
      y += 46;
      ctx.fillText(line, MARGIN, y);
    }
  }
  if (event.sessions.length > shown.length) {
    y += 46;
    ctx.fillText(w.more(event.sessions.length), MARGIN, y);
  }
  const place = [event.venue?.name, event.venue?.address].filter(Boolean).join(' · ');
  if (place) {
    y += 16;
    for (const line of wrap(ctx, place, inner, picture ? 1 : 2)) {
      y += 46;
      ctx.fillText(line, MARGIN, y);
    }
  }
  y += 16;
  ctx.fillStyle = '#666666';
  for (const line of wrap(ctx, `${w.host}：${event.organizationName}`, inner, 1)) {
    y += 46;
    ctx.fillText(line, MARGIN, y);
  }

  const qrSize = picture ? 240 : 320;
  const qrTop = POSTER_HEIGHT - qrSize - 150;
  const qr = await loadImage(
    await QRCode.toBuffer(url, { margin: 1, width: qrSize, errorCorrectionLevel: 'M' }),
  );
  ctx.drawImage(qr, (POSTER_WIDTH - qrSize) / 2, qrTop, qrSize, qrSize);
  ctx.fillStyle = '#333333';
  ctx.font = `28px "${FONT}"`;
  ctx.textAlign = 'center';
  ctx.fillText(w.scan, POSTER_WIDTH / 2, qrTop + qrSize + 56);
  ctx.fillStyle = '#999999';
  ctx.font = `22px "${FONT}"`;
  ctx.fillText(url, POSTER_WIDTH / 2, qrTop + qrSize + 96);
  return canvas.toBuffer('image/png');
}

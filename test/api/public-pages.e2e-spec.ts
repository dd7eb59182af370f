import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import type { EventView } from '@wutong/shared';
import { sessions, setUpCarrier, type Carrier } from '../support/events';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 17, point 3: GET /events and GET /events/:id answer HTML with the content in the body, the
 * share tags a chat app reads, and the data the web app starts from. The web build's template is
 * the source index.html here, so this suite needs no build.
 */
describe('public event pages rendered on the server', () => {
  let t: TestApp;
  let carrier: Carrier;
  let webDist: string;
  let event: EventView;

  const create = async (title: string, extra: object = {}) =>
    (
      await t.http
        .post('/api/events')
        .set(carrier.organizer.auth)
        .send({
          organizationId: carrier.organizationId,
          type: 'roadshow',
          title,
          description: '路演前的准备。\n第二段：评委来自三家基金。',
          capacity: 40,
          approvalRequired: false,
          waitlistEnabled: false,
          sessions: sessions(2, 9),
          ...extra,
        })
        .expect(201)
    ).body as EventView;

  /** The JSON the page hands the web app. */
  const embedded = (html: string) =>
    JSON.parse(/<script type="application\/json" id="wutong-ssr">([^<]*)<\/script>/.exec(html)![1]) as {
      event?: EventView;
      events?: { items: { id: string }[]; total: number; pageSize: number };
    };

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'wutong-web-'));
    copyFileSync('apps/web/index.html', join(webDist, 'index.html'));
    t = await startTestApp({ WEB_DIST: webDist });
    carrier = await setUpCarrier(t);
    event = await create('融资路演：硬科技专场 <b>第 3 期</b>');
    await t.http.post(`/api/events/${event.id}/publish`).set(carrier.organizer.auth).expect(200);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('puts the event in the body: title, each session in the carrier’s zone, the place and the description', async () => {
    const res = await t.http.get(`/events/${event.id}`).set('Accept-Language', 'zh-CN').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).toContain('<html lang="zh-CN">');
    // Escaped, never markup.
    expect(html).toContain('融资路演：硬科技专场 &#60;b&#62;第 3 期&#60;/b&#62;');
    expect(html).not.toContain('<b>第 3 期</b>');
    // 11:00 UTC is 19:00 in Shanghai, the carrier's zone.
    const day = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
    }).format(new Date(event.sessions[0].startsAt));
    expect(html).toContain(`${day} 19:00–21:00`);
    expect(html).toContain('第 1 讲');
    expect(html).toContain('第二段：评委来自三家基金。');
    expect(html).toContain('路演');
    expect(html).toContain(`/login?next=${encodeURIComponent(`/events/${event.id}?register=1`)}`);
    // The app's root waits hidden; its data is the event as GET /api/events/:id gives it anonymously.
    expect(html).toContain('<div id="root" hidden></div>');
    const api = await t.http.get(`/api/events/${event.id}`).expect(200);
    expect(embedded(html).event).toEqual(api.body);
  });

  it('gives link previews their title, description, image and canonical address', async () => {
    const html = (await t.http.get(`/events/${event.id}`).expect(200)).text;
    const meta = (property: string) =>
      new RegExp(`<meta (?:property|name|itemprop)="${property}" content="([^"]*)"`).exec(html)?.[1];
    expect(meta('og:title')).toBe('融资路演：硬科技专场 &#60;b&#62;第 3 期&#60;/b&#62; · 梧桐');
    expect(meta('og:url')).toBe(`http://wutong.test/events/${event.id}`);
    expect(meta('og:image')).toBe('http://wutong.test/og-image.png');
    expect(meta('og:description')).toContain('19:00–21:00');
    expect(meta('description')).toBe(meta('og:description'));
    expect(meta('name')).toBe(meta('og:title'));
    expect(html).toContain(`<link rel="canonical" href="http://wutong.test/events/${event.id}" />`);
    expect(html.match(/<title>/g)).toHaveLength(1);
  });

  it('speaks the language the reader chose (cookie), else the browser’s', async () => {
    const en = (await t.http.get(`/events/${event.id}`).set('Accept-Language', 'en-US,en;q=0.9').expect(200))
      .text;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('>When<');
    expect(en).toContain('19:00–21:00');
    const chosen = (
      await t.http
        .get(`/events/${event.id}`)
        .set('Accept-Language', 'en-US')
        .set('Cookie', 'other=1; wutong.locale=zh-CN')
        .expect(200)
    ).text;
    expect(chosen).toContain('<html lang="zh-CN">');
    expect(chosen).toContain('>时间<');
  });

  it('answers 404 for a draft and an unknown event, and leaves other paths to the app', async () => {
    const draft = await create('还没发布的活动');
    const hidden = await t.http.get(`/events/${draft.id}`).expect(404);
    expect(hidden.text).not.toContain('还没发布的活动');
    expect(hidden.text).toContain('<div id="root"></div>');
    await t.http.get('/events/00000000-0000-4000-8000-000000000000').expect(404);
    const other = await t.http.get('/events/not-an-id').expect(200);
    expect(other.text).not.toContain('id="ssr"');
  });

  it('renders the first page of the list with the data the app asks for first', async () => {
    for (let i = 0; i < 13; i++) {
      const e = await create(`创业沙龙 ${i}`, { type: 'salon', sessions: sessions(1, 3 + i) });
      await t.http.post(`/api/events/${e.id}/publish`).set(carrier.organizer.auth).expect(200);
    }
    const html = (await t.http.get('/events').expect(200)).text;
    const data = embedded(html).events!;
    const api = await t.http.get('/api/events').query({ page: 1, pageSize: 12 }).expect(200);
    expect(data).toEqual(api.body);
    expect(data.items).toHaveLength(12);
    expect(html.match(/data-testid="ssr-event"/g)).toHaveLength(12);
    expect(html).toContain('创业沙龙 0');
    expect(html).not.toContain('还没发布的活动');
    expect(html).toContain(`还有 ${data.total - 12} 场活动`);
  });

  it('draws a poster to share: a PNG at least 750 px wide whose QR code opens the event page', async () => {
    const res = await t.http
      .get(`/api/events/${event.id}/poster.png`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = res.body as Buffer;
    // Kept for a look with the browser tests' screenshots.
    mkdirSync('tmp/screenshots', { recursive: true });
    writeFileSync('tmp/screenshots/poster-zh.png', png);
    const image = await loadImage(png);
    expect(image.width).toBeGreaterThanOrEqual(750);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, image.width, image.height);
    const qr = jsQR(new Uint8ClampedArray(pixels.data), image.width, image.height);
    expect(qr?.data).toBe(`http://wutong.test/events/${event.id}`);

    const draft = await create('草稿不出海报');
    await t.http.get(`/api/events/${draft.id}/poster.png`).expect(404);
    await t.http.get('/api/events/00000000-0000-4000-8000-000000000000/poster.png').expect(404);
    await t.http.get('/api/events/not-an-id/poster.png').expect(404);
  });
});

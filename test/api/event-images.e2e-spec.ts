import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import JSZip from 'jszip';
import sharp from 'sharp';
import S3rver from 's3rver';
import type { EventImageUploaded, EventView } from '@wutong/shared';
import { eventBody, publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { hasExifSegment, jpegWithGps, picture } from '../support/images';
import { APP_CONFIG, type AppConfig } from '../../apps/api/src/config/app-config';
import { ImageSweepWorker } from '../../apps/api/src/event-images/image-sweep.worker';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

/**
 * Issue 17, "posters and photos": an event's cover and photos, uploaded by its organizers, stored
 * re-encoded without metadata, shown on its pages and served back (docs/api.md, "Event images").
 */
describe('event images', () => {
  let t: TestApp;
  let carrier: Carrier;
  let other: Carrier;
  let founder: SignedUp;
  let event: EventView;
  let webDist: string;

  const upload = (
    who: SignedUp,
    eventId: string,
    kind: string,
    data: Buffer,
    filename = 'picture.jpg',
    contentType = 'image/jpeg',
  ) =>
    t.http
      .post(`/api/events/${eventId}/images`)
      .set(who.auth)
      .field('kind', kind)
      .attach('file', data, { filename, contentType });

  const view = async (id: string, who?: SignedUp) => {
    const req = t.http.get(`/api/events/${id}`);
    return (await (who ? req.set(who.auth) : req).expect(200)).body as EventView;
  };

  const bytes = (url: string, who?: SignedUp) => {
    const req = t.http
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return who ? req.set(who.auth) : req;
  };

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'wutong-web-'));
    copyFileSync('apps/web/index.html', join(webDist, 'index.html'));
    t = await startTestApp({ WEB_DIST: webDist });
    carrier = await setUpCarrier(t);
    other = await setUpCarrier(t, carrier.admin);
    founder = await signup(t);
    event = await publishedEvent(t, carrier);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('stores a JPEG without its EXIF and GPS, at its size, and serves it back long-cached', async () => {
    const original = await jpegWithGps(640, 480);
    // The test picture really says where it was taken.
    expect(hasExifSegment(original)).toBe(true);
    expect(await exifr.gps(original)).toEqual(
      expect.objectContaining({ latitude: expect.closeTo(31.233, 2), longitude: expect.closeTo(121.483, 2) }),
    );

    const res = await upload(carrier.organizer, event.id, 'photo', original).expect(201);
    const image = res.body as EventImageUploaded;
    expect(image).toEqual({
      id: expect.any(String),
      kind: 'photo',
      url: `/api/events/${event.id}/images/${image.id}`,
      width: 640,
      height: 480,
    });

    const served = await bytes(image.url).expect(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const stored = served.body as Buffer;
    expect(hasExifSegment(stored)).toBe(false);
    expect(await exifr.gps(stored).catch(() => undefined)).toBeUndefined();
    expect(await exifr.parse(stored).catch(() => undefined)).toBeUndefined();
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 640, 480, undefined]);

    const page = await view(event.id);
    expect(page.photos).toEqual([
      {
        id: image.id,
        url: image.url,
        thumbnailUrl: `${image.url}/thumbnail`,
        width: 640,
        height: 480,
      },
    ]);
    const thumb = await bytes(page.photos[0].thumbnailUrl).expect(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const thumbMeta = await sharp(thumb.body as Buffer).metadata();
    expect([thumbMeta.width, thumbMeta.height, thumbMeta.exif]).toEqual([480, 360, undefined]);
    expect(hasExifSegment(thumb.body as Buffer)).toBe(false);
  });

  it('accepts PNG and WebP, whatever name they come with, and keeps their type', async () => {
    for (const [format, type] of [
      ['png', 'image/png'],
      ['webp', 'image/webp'],
    ] as const) {
      const res = await upload(
        carrier.organizer,
        event.id,
        'photo',
        await picture(format, 300, 200),
        'named-wrongly.jpg',
        'application/octet-stream',
      ).expect(201);
      expect([res.body.width, res.body.height]).toEqual([300, 200]);
      const served = await bytes(res.body.url).expect(200);
      expect(served.headers['content-type']).toBe(type);
      expect((await sharp(served.body as Buffer).metadata()).format).toBe(format);
    }
  });

  it('refuses what is not a JPEG, PNG or WebP picture of at most 10 MB with 400 UNSUPPORTED_IMAGE', async () => {
    const before = (await view(event.id)).photos.length;
    const text = Buffer.from('这不是图片，只是改了名字的文本文件。\n'.repeat(20));
    const refused = await upload(carrier.organizer, event.id, 'photo', text, 'photo.jpg').expect(400);
    expect(refused.body.code).toBe('UNSUPPORTED_IMAGE');
    expect(refused.body.message).toBeTruthy();

    // A JPEG signature with nothing of a picture behind it.
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    expect((await upload(carrier.organizer, event.id, 'photo', broken).expect(400)).body.code).toBe(
      'UNSUPPORTED_IMAGE',
    );

    // A GIF is a picture, but not one of the three.
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect(
      (await upload(carrier.organizer, event.id, 'photo', gif, 'a.gif', 'image/gif').expect(400)).body.code,
    ).toBe('UNSUPPORTED_IMAGE');

    // One byte over 10 MB, starting as a JPEG.
    const large = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
    large.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooLarge = await upload(carrier.organizer, event.id, 'photo', large).expect(400);
    expect(tooLarge.body.code).toBe('UNSUPPORTED_IMAGE');

    // Without a kind, or a kind that is not one: a field error.
    const noKind = await t.http
      .post(`/api/events/${event.id}/images`)
      .set(carrier.organizer.auth)
      .attach('file', await picture('png', 10, 10), 'a.png')
      .expect(400);
    expect(noKind.body.code).toBe('VALIDATION_FAILED');
    expect(
      (await upload(carrier.organizer, event.id, 'poster', await picture('png', 10, 10)).expect(400)).body
        .code,
    ).toBe('VALIDATION_FAILED');
    // JSON instead of a form.
    expect(
      (
        await t.http
          .post(`/api/events/${event.id}/images`)
          .set(carrier.organizer.auth)
          .send({ kind: 'photo' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');

    expect((await view(event.id)).photos).toHaveLength(before);
  });

  it('lets only the event’s organizers and admins change its images', async () => {
    const png = await picture('png', 40, 30);
    // A founder: not an organizer at all.
    expect((await upload(founder, event.id, 'cover', png).expect(403)).body.code).toBe('FORBIDDEN');
    // An organizer of another carrier: a published event is known, so 403; a draft does not exist for them.
    expect((await upload(other.organizer, event.id, 'cover', png).expect(403)).body.code).toBe('FORBIDDEN');
    const draft = (
      await t.http
        .post('/api/events')
        .set(carrier.organizer.auth)
        .send(eventBody(carrier.organizationId))
        .expect(201)
    ).body as EventView;
    expect((await upload(other.organizer, draft.id, 'cover', png).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await view(event.id)).coverUrl).toBeNull();

    // An admin may; and the other carrier's organizer may not delete it.
    const byAdmin = (await upload(carrier.admin, event.id, 'photo', png).expect(201))
      .body as EventImageUploaded;
    await t.http.delete(`/api/events/${event.id}/images/${byAdmin.id}`).set(other.organizer.auth).expect(403);
    await t.http.delete(`/api/events/${event.id}/images/${byAdmin.id}`).set(founder.auth).expect(403);
    await t.http.delete(`/api/events/${event.id}/images/${byAdmin.id}`).expect(401);
    await t.http
      .delete(`/api/events/${event.id}/images/${byAdmin.id}`)
      .set(carrier.organizer.auth)
      .expect(204);

    // A draft's pictures: its organizers see them, nobody else (not even by their address).
    const draftImage = (await upload(carrier.organizer, draft.id, 'cover', png).expect(201))
      .body as EventImageUploaded;
    expect((await view(draft.id, carrier.organizer)).coverUrl).toBe(draftImage.url);
    const own = await bytes(draftImage.url, carrier.organizer).expect(200);
    expect(own.headers['cache-control']).toMatch(/^private/);
    await t.http.get(draftImage.url).expect(404);
    await t.http.get(`${draftImage.url}/thumbnail`).set(other.organizer.auth).expect(404);
  });

  it('shows the cover in the event view and the list, and a second cover replaces the first', async () => {
    const first = (
      await upload(carrier.organizer, event.id, 'cover', await picture('jpeg', 1200, 600)).expect(201)
    ).body as EventImageUploaded;
    let page = await view(event.id);
    expect(page.coverUrl).toBe(first.url);
    expect(page.cover).toMatchObject({ id: first.id, width: 1200, height: 600 });
    const listed = await t.http.get('/api/events').query({ pageSize: 100 }).expect(200);
    const item = listed.body.items.find((e: EventView) => e.id === event.id);
    expect(item.coverUrl).toBe(first.url);
    // Lists show the thumbnail: a JPEG at most 480 px wide, not the 1200 px picture.
    expect(item.coverThumbnailUrl).toBe(`${first.url}/thumbnail`);
    const thumb = await bytes(item.coverThumbnailUrl).expect(200);
    expect(await sharp(thumb.body as Buffer).metadata()).toMatchObject({
      format: 'jpeg',
      width: 480,
      height: 240,
    });

    const second = (
      await upload(
        carrier.organizer,
        event.id,
        'cover',
        await picture('webp', 800, 400, { r: 20, g: 120, b: 200 }),
      ).expect(201)
    ).body as EventImageUploaded;
    page = await view(event.id);
    expect(page.coverUrl).toBe(second.url);
    expect(page.photos.map((p) => p.id)).not.toContain(first.id);
    await t.http.get(first.url).expect(404);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM event_images WHERE event_id = $1 AND kind = 'cover'`,
      [event.id],
    );
    expect(n).toBe(1);
  });

  it('uses the cover as the page’s og:image and shows it on the server-rendered page and the poster', async () => {
    const page = await view(event.id);
    const html = (await t.http.get(`/events/${event.id}`).expect(200)).text;
    expect(html).toContain(`<meta property="og:image" content="http://wutong.test${page.coverUrl}" />`);
    expect(html).toContain(`data-testid="ssr-cover" src="${page.coverUrl}"`);
    // The server-rendered list shows the cover's thumbnail on the event's card, and none on others.
    await publishedEvent(t, carrier);
    const list = (await t.http.get('/events').expect(200)).text;
    const card = list.split('data-testid="ssr-event"').find((c) => c.includes(`/events/${event.id}"`));
    expect(card).toContain(`data-testid="ssr-thumb" src="${page.coverUrl}/thumbnail"`);
    const cards = list.split('data-testid="ssr-event"').slice(1);
    const covered = (await t.http.get('/api/events').expect(200)).body.items.filter(
      (e: EventView) => e.coverThumbnailUrl,
    );
    expect(cards.filter((c) => c.includes('data-testid="ssr-thumb"'))).toHaveLength(covered.length);
    expect(cards.length).toBeGreaterThan(covered.length);

    // The poster draws the cover: its band under the header has the cover's blue, not the white page.
    const poster = await bytes(`/api/events/${event.id}/poster.png`).expect(200);
    const { data, info } = await sharp(poster.body as Buffer)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) =>
      Array.from(
        data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
      );
    const [r, g, b] = at(375, 230);
    expect(b).toBeGreaterThan(150);
    expect(r).toBeLessThan(80);
    expect(g).toBeGreaterThan(80);

    // Without a cover: the site's picture.
    const plain = await publishedEvent(t, carrier);
    const plainHtml = (await t.http.get(`/events/${plain.id}`).expect(200)).text;
    expect(plainHtml).toContain(`<meta property="og:image" content="http://wutong.test/og-image.png" />`);
    expect(plainHtml).not.toContain('data-testid="ssr-cover"');
  });

  it('deletes an image: gone from the view and from the storage; an unknown one is 404', async () => {
    const photo = (
      await upload(carrier.organizer, event.id, 'photo', await picture('png', 50, 50)).expect(201)
    ).body as EventImageUploaded;
    await t.http.delete(`/api/events/${event.id}/images/${photo.id}`).set(carrier.organizer.auth).expect(204);
    expect((await view(event.id)).photos.map((p) => p.id)).not.toContain(photo.id);
    await t.http.get(photo.url).expect(404);
    await t.http.delete(`/api/events/${event.id}/images/${photo.id}`).set(carrier.organizer.auth).expect(404);
    // The cover can be deleted too.
    const cover = (await view(event.id)).cover!;
    await t.http.delete(`/api/events/${event.id}/images/${cover.id}`).set(carrier.organizer.auth).expect(204);
    expect((await view(event.id)).coverUrl).toBeNull();

    const audited: { action: string }[] = await t.db.query(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'event.image.%'`,
      [event.id],
    );
    expect(audited.filter((a) => a.action === 'event.image.remove').length).toBeGreaterThanOrEqual(2);
    expect(audited.filter((a) => a.action === 'event.image.add').length).toBeGreaterThanOrEqual(4);
  });
  it('sweeps stored files no image names once they are an hour old, and keeps every named one', async () => {
    const root = t.app.get<AppConfig>(APP_CONFIG).storage.dir;
    const live = (
      await upload(carrier.organizer, event.id, 'photo', await picture('jpeg', 640, 480)).expect(201)
    ).body as EventImageUploaded;
    const dir = join(root, 'events', event.id);
    const hourAgo = (Date.now() - 61 * 60_000) / 1000;
    // What a crashed upload leaves: a picture and a thumbnail without a row, and half a file.
    const orphan = `${crypto.randomUUID()}`;
    const stale = [`${orphan}.jpg`, `${orphan}-thumb.jpg`, `${live.id}.jpg.${crypto.randomUUID()}.part`];
    const young = `${crypto.randomUUID()}.png`;
    mkdirSync(dir, { recursive: true });
    for (const name of [...stale, young]) writeFileSync(join(dir, name), 'x');
    for (const name of stale) utimesSync(join(dir, name), hourAgo, hourAgo);
    // The live image's files are old too: age alone never removes a named file.
    utimesSync(join(dir, `${live.id}.jpg`), hourAgo, hourAgo);
    utimesSync(join(dir, `${live.id}-thumb.jpg`), hourAgo, hourAgo);

    expect(await t.app.get(ImageSweepWorker).sweep()).toBe(3);
    for (const name of stale) expect(existsSync(join(dir, name))).toBe(false);
    expect(existsSync(join(dir, young))).toBe(true);
    await bytes(live.url).expect(200);
    await bytes(`${live.url}/thumbnail`).expect(200);
    expect(await t.app.get(ImageSweepWorker).sweep()).toBe(0);
  });

  it('puts a held event’s photos in the ledger’s .docx as its evidence (thumbnails)', async () => {
    const created = (
      await t.http
        .post('/api/events')
        .set(carrier.organizer.auth)
        .send(eventBody(carrier.organizationId, { title: '十一月照片沙龙' }))
        .expect(201)
    ).body as EventView;
    await t.http.post(`/api/events/${created.id}/publish`).set(carrier.organizer.auth).expect(200);
    const ticket = (
      await t.http.post(`/api/events/${created.id}/registrations`).set(founder.auth).send({}).expect(201)
    ).body.ticketCode as string;
    // Moved back to when it took place (organizers backfill), then checked in.
    const session = created.sessions[0];
    await t.http
      .patch(`/api/events/${created.id}`)
      .set(carrier.organizer.auth)
      .send({
        sessions: [{ id: session.id, startsAt: '2024-11-05T06:00:00Z', endsAt: '2024-11-05T08:00:00Z' }],
      })
      .expect(200);
    await t.http
      .post(`/api/sessions/${session.id}/check-ins`)
      .set(carrier.organizer.auth)
      .send({ ticketCode: ticket })
      .expect(201);
    for (const colour of [
      { r: 250, g: 0, b: 0 },
      { r: 0, g: 250, b: 0 },
    ])
      await upload(carrier.organizer, created.id, 'photo', await picture('png', 1000, 500, colour)).expect(
        201,
      );

    const docx = await bytes(
      `/api/reports/ledger.docx?month=2024-11&organizationId=${carrier.organizationId}`,
      carrier.organizer,
    )
      .set('accept-language', 'zh-CN')
      .expect(200);
    const zip = await JSZip.loadAsync(docx.body as Buffer);
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    const first = await zip.file(media[0])!.async('nodebuffer');
    const meta = await sharp(first).metadata();
    // The thumbnails (JPEG, 480 px wide at most), not the stored pictures.
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 480, 240]);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('活动照片：十一月照片沙龙');
  });
});

describe('event images in an S3-compatible bucket (STORAGE=s3)', () => {
  const bucket = 'wutong-images';
  let s3: S3rver;
  let endpoint: string;
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wutong-s3-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: bucket }],
    });
    const address = (await s3.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${address.port}`;
    t = await startTestApp({
      STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'wutong/',
    });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts the picture and its thumbnail in the bucket, serves them from there and deletes them', async () => {
    const carrier = await setUpCarrier(t);
    const event = await publishedEvent(t, carrier);
    const res = await t.http
      .post(`/api/events/${event.id}/images`)
      .set(carrier.organizer.auth)
      .field('kind', 'cover')
      .attach('file', await jpegWithGps(320, 240), 'cover.jpg')
      .expect(201);

    const client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `wutong/events/${event.id}/` }),
    );
    const keys = (listed.Contents ?? []).map((o) => o.Key).sort();
    expect(keys).toEqual([
      `wutong/events/${event.id}/${res.body.id}-thumb.jpg`,
      `wutong/events/${event.id}/${res.body.id}.jpg`,
    ]);
    const object = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: `wutong/events/${event.id}/${res.body.id}.jpg` }),
    );
    expect(object.ContentType).toBe('image/jpeg');
    const inBucket = Buffer.from(await object.Body!.transformToByteArray());
    expect(hasExifSegment(inBucket)).toBe(false);

    const served = await t.http
      .get(res.body.url)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((served.body as Buffer).equals(inBucket)).toBe(true);

    await t.http
      .delete(`/api/events/${event.id}/images/${res.body.id}`)
      .set(carrier.organizer.auth)
      .expect(204);
    const after = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `wutong/events/${event.id}/` }),
    );
    expect(after.Contents ?? []).toEqual([]);

    // An object no image names (an upload cut off before its row) is swept from the bucket; a named one stays.
    const kept = await t.http
      .post(`/api/events/${event.id}/images`)
      .set(carrier.organizer.auth)
      .field('kind', 'photo')
      .attach('file', await jpegWithGps(320, 240), 'photo.jpg')
      .expect(201);
    const stray = `wutong/events/${event.id}/${crypto.randomUUID()}.jpg`;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: stray, Body: 'x' }));
    // S3 keeps its own clock: sweep everything older than a minute from now instead of waiting an hour.
    expect(await t.app.get(ImageSweepWorker).sweep(new Date(Date.now() + 60_000))).toBe(1);
    const left = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `wutong/events/${event.id}/` }),
    );
    expect((left.Contents ?? []).map((o) => o.Key).sort()).toEqual([
      `wutong/events/${event.id}/${kept.body.id}-thumb.jpg`,
      `wutong/events/${event.id}/${kept.body.id}.jpg`,
    ]);
    client.destroy();
  });
});

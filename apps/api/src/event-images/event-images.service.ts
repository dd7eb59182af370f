import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EventImageKind, EventImageUploaded } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { organizes, type Principal } from '../common/auth/principal';
import { rows } from '../common/database/rows';
import { forbidden, notFound } from '../common/errors/domain.exception';
import { EventsService } from '../events/events.service';
import type { EventPhoto } from '../reporting/ledger/ledger.sources';
import { FILE_STORAGE, type FileStorage } from './file-storage';
import { processImage, type ImageType } from './image-processing';
import { eventImageUrl } from './image-urls';

const EXTENSION: Record<ImageType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

interface StoredKeys {
  id: string;
  storage_key: string;
  thumbnail_key: string;
}

export interface ServedImage {
  data: Buffer;
  contentType: string;
  /** The event is a draft: not for shared caches. */
  draft: boolean;
}

/**
 * An event's cover and photos (docs/api.md, "Event images"): uploads re-encoded without metadata,
 * kept in the file storage with a thumbnail, listed in `event_images`. Who may change them is who
 * may edit the event (EventsService.lockForManagement).
 */
@Injectable()
export class EventImagesService {
  private readonly logger = new Logger(EventImagesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly audit: AuditService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** The caller may change the event's images (as lockForManagement decides, without the lock). */
  async authorize(actor: Principal, eventId: string): Promise<void> {
    const event = await this.events.findById(this.dataSource.manager, eventId);
    if (!event) throw notFound();
    if (!organizes(actor, event.organizationId)) throw event.status === 'draft' ? notFound() : forbidden();
  }

  async upload(
    actor: Principal,
    eventId: string,
    kind: EventImageKind,
    bytes: Buffer,
  ): Promise<EventImageUploaded> {
    await this.authorize(actor, eventId);
    const image = await processImage(bytes);
    const id = randomUUID();
    const key = `events/${eventId}/${id}.${EXTENSION[image.contentType]}`;
    const thumbnailKey = `events/${eventId}/${id}-thumb.jpg`;
    await this.storage.put(key, image.data, image.contentType);
    await this.storage.put(thumbnailKey, image.thumbnail.data, 'image/jpeg');
    let replaced: StoredKeys[] = [];
    try {
      await this.dataSource.transaction(async (m) => {
        const event = await this.events.lockForManagement(m, actor, eventId);
        if (kind === 'cover')
          replaced = await rows<StoredKeys>(
            m,
            `DELETE FROM event_images WHERE event_id = $1 AND organization_id = $2 AND kind = 'cover'
             RETURNING id, storage_key, thumbnail_key`,
            [eventId, event.organizationId],
          );
        await m.query(
          `INSERT INTO event_images (id, organization_id, event_id, kind, content_type, width, height, bytes,
                                     storage_key, thumbnail_key, thumbnail_width, thumbnail_height, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            id,
            event.organizationId,
            eventId,
            kind,
            image.contentType,
            image.width,
            image.height,
            image.data.length,
            key,
            thumbnailKey,
            image.thumbnail.width,
            image.thumbnail.height,
            actor.userId,
          ],
        );
        await this.audit.record(m, {
          actorId: actor.userId,
          action: 'event.image.add',
          targetType: 'event',
          targetId: eventId,
          organizationId: event.organizationId,
          details: { imageId: id, kind, ...(replaced.length > 0 ? { replaced: replaced[0].id } : {}) },
        });
      });
    } catch (error) {
      await this.forget([{ id, storage_key: key, thumbnail_key: thumbnailKey }]);
      throw error;
    }
    await this.forget(replaced);
    return { id, kind, url: eventImageUrl(eventId, id), width: image.width, height: image.height };
  }

  async remove(actor: Principal, eventId: string, imageId: string): Promise<void> {
    let removed: (StoredKeys & { kind: string })[] = [];
    await this.dataSource.transaction(async (m) => {
      const event = await this.events.lockForManagement(m, actor, eventId);
      removed = await rows<StoredKeys & { kind: string }>(
        m,
        `DELETE FROM event_images WHERE id = $1 AND event_id = $2 AND organization_id = $3
         RETURNING id, kind, storage_key, thumbnail_key`,
        [imageId, eventId, event.organizationId],
      );
      if (removed.length === 0) throw notFound();
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'event.image.remove',
        targetType: 'event',
        targetId: eventId,
        organizationId: event.organizationId,
        details: { imageId, kind: removed[0].kind },
      });
    });
    await this.forget(removed);
  }

  /**
   * The bytes of an image (or its thumbnail) for whoever may see the event: published, cancelled and
   * completed events' for everyone, a draft's for its carrier's organizers and admins (others 404).
   */
  async file(
    viewer: Principal | undefined,
    eventId: string,
    imageId: string,
    variant: 'full' | 'thumbnail',
  ): Promise<ServedImage> {
    const [found] = await rows<{
      organization_id: string;
      status: string;
      content_type: string;
      storage_key: string;
      thumbnail_key: string;
    }>(
      this.dataSource.manager,
      `SELECT i.organization_id, e.status, i.content_type, i.storage_key, i.thumbnail_key
         FROM event_images i JOIN events e ON e.id = i.event_id AND e.organization_id = i.organization_id
        WHERE i.id = $1 AND i.event_id = $2`,
      [imageId, eventId],
    );
    const draft = found?.status === 'draft';
    if (!found || (draft && !organizes(viewer, found.organization_id))) throw notFound();
    const data = await this.storage.get(variant === 'full' ? found.storage_key : found.thumbnail_key);
    if (!data) throw notFound();
    return { data, contentType: variant === 'full' ? found.content_type : 'image/jpeg', draft };
  }

  /** The cover's bytes, for the poster; null without a cover (or when its file is gone). */
  async coverOf(eventId: string): Promise<Buffer | null> {
    const [cover] = await rows<{ storage_key: string }>(
      this.dataSource.manager,
      `SELECT storage_key FROM event_images WHERE event_id = $1 AND kind = 'cover'`,
      [eventId],
    );
    return cover ? this.storage.get(cover.storage_key) : null;
  }

  /** A few photos of each event as thumbnails (JPEG), oldest first: the ledger's evidence. */
  async photosByEvent(eventIds: string[], perEvent = 4): Promise<Map<string, EventPhoto[]>> {
    const result = new Map<string, EventPhoto[]>();
    if (eventIds.length === 0) return result;
    const found = await rows<{ event_id: string; thumbnail_key: string; w: number; h: number }>(
      this.dataSource.manager,
      `SELECT event_id, thumbnail_key, thumbnail_width AS w, thumbnail_height AS h FROM (
         SELECT i.*, row_number() OVER (PARTITION BY event_id ORDER BY created_at, id) AS n
           FROM event_images i WHERE event_id = ANY($1) AND kind = 'photo') p
        WHERE n <= $2 ORDER BY event_id, n`,
      [eventIds, perEvent],
    );
    for (const r of found) {
      const data = await this.storage.get(r.thumbnail_key);
      if (!data) continue;
      const list = result.get(r.event_id) ?? [];
      list.push({ data, type: 'jpg', caption: null, width: r.w, height: r.h });
      result.set(r.event_id, list);
    }
    return result;
  }

  /** Removes stored files no row names any more; a failure is logged, never the caller's error. */
  private async forget(images: StoredKeys[]): Promise<void> {
    for (const image of images)
      for (const key of [image.storage_key, image.thumbnail_key])
        await this.storage.delete(key).catch((error: unknown) => {
          this.logger.warn({ err: error, key }, 'stored image not removed');
        });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicWorker } from '../common/jobs/periodic-pass';
import { rows } from '../common/database/rows';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FILE_STORAGE, type FileStorage } from './file-storage';

/** A file younger than this may belong to an upload whose row is not committed yet. */
export const SWEEP_GRACE_MS = 60 * 60_000;
const BATCH = 500;
const IMAGE_KEY = /^events\/[0-9a-f-]{36}\/([0-9a-f-]{36})(?:-thumb)?\.(?:jpg|png|webp)$/;

/**
 * Removes stored image files that no `event_images` row names: what an upload left when its process
 * died between storing the file and committing the row, a half-written `.part` file, a removal whose
 * storage call failed, the images of a deleted event. Once an hour; files younger than an hour are
 * left alone (an upload in flight). Several processes may run it: one sweeps, the others skip.
 */
@Injectable()
export class ImageSweepWorker extends PeriodicWorker {
  private readonly logger = new Logger(ImageSweepWorker.name);
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super('ImageSweep', config, 60 * 60_000);
  }

  protected pass(): Promise<unknown> {
    return this.sweep();
  }

  /** One pass over the stored files; returns how many were removed (null: another process sweeps). */
  async sweep(olderThan = new Date(Date.now() - SWEEP_GRACE_MS)): Promise<number | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ mine }] = await runner.query(
        `SELECT pg_try_advisory_lock(hashtext('wutong.image-sweep')) AS mine`,
      );
      if (!mine) return null;
      try {
        let removed = 0;
        let batch: string[] = [];
        for await (const file of this.storage.list('events/')) {
          if (file.modifiedAt >= olderThan) continue;
          batch.push(file.key);
          if (batch.length === BATCH) {
            removed += await this.removeUnnamed(batch);
            batch = [];
          }
        }
        if (batch.length > 0) removed += await this.removeUnnamed(batch);
        if (removed > 0) this.logger.log({ removed }, 'stored image files no event names removed');
        return removed;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('wutong.image-sweep'))`);
      }
    } finally {
      await runner.release();
    }
  }

  private async removeUnnamed(keys: string[]): Promise<number> {
    // The image id is in the key (`events/<event>/<image>.jpg`, `…/<image>-thumb.jpg`); a key without
    // one (a half-written `.part`) is never named. Read after the listing: a row committed since is seen.
    const ids = [...new Set(keys.map((k) => IMAGE_KEY.exec(k)?.[1]).filter((id) => id !== undefined))];
    const named = await rows<{ storage_key: string; thumbnail_key: string }>(
      this.dataSource.manager,
      `SELECT storage_key, thumbnail_key FROM event_images WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const keep = new Set(named.flatMap((r) => [r.storage_key, r.thumbnail_key]));
    let removed = 0;
    for (const key of keys) {
      if (keep.has(key)) continue;
      await this.storage.delete(key);
      removed++;
    }
    return removed;
  }
}

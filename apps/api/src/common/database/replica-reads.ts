import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Reads that may be a little behind: the dashboard, reports and exports. They run on a read replica
 * when DATABASE_REPLICA_URLS names any (TypeORM picks one per query), else on the primary. Anything
 * that must see a write it just made keeps using the DataSource, which always means the primary.
 */
@Injectable()
export class ReplicaReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return (await runner.query(sql, params)) as T[];
    } finally {
      await runner.release();
    }
  }
}

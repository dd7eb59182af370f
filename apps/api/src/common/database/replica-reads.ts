import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { namedQuery } from './named-query';

/**
 * Errors that say the replica cannot answer now, not that the statement is wrong: no connection
 * (refused, reset, timed out: no SQLSTATE), connection exceptions (08), the server shutting down or
 * starting (57P01, 57P03), out of connections (53300), or a query cancelled by a recovery conflict
 * (40001 on a hot standby). The primary can answer those reads.
 */
function replicaUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : e?.driverError?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57') || code === '53300' || code === '40001';
}

/**
 * Reads that may be a little behind: the dashboard, reports and exports. They run on a read replica
 * when DATABASE_REPLICA_URLS names any (TypeORM picks one per query), else on the primary. Anything
 * that must see a write it just made keeps using the DataSource, which always means the primary.
 * A replica that cannot answer (stopped, restarting, unreachable) does not fail the read: it runs on
 * the primary, and a warning says so.
 */
@Injectable()
export class ReplicaReads {
  private readonly logger = new Logger('ReplicaReads');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `name`: run as a named statement (planned once per connection; see namedQuery). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], name?: string): Promise<T[]> {
    if (!this.dataSource.driver.isReplicated) return this.run<T>('master', sql, params, name);
    try {
      return await this.run<T>('slave', sql, params, name);
    } catch (error) {
      if (!replicaUnavailable(error)) throw error;
      this.logger.warn(
        { err: (error as Error).message },
        'read replica unavailable, reading from the primary',
      );
      return this.run<T>('master', sql, params, name);
    }
  }

  private async run<T>(
    mode: 'master' | 'slave',
    sql: string,
    params: unknown[],
    name?: string,
  ): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner(mode);
    try {
      if (!name) return (await runner.query(sql, params)) as T[];
      await runner.connect();
      return await namedQuery<T>(runner.manager, name, sql, params);
    } finally {
      await runner.release();
    }
  }
}

import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

/**
 * A pg client that never crashes the process: when the server goes away (restart, failover,
 * pg_terminate_backend) a connection can emit 'error' at a moment neither pg-pool nor TypeORM
 * listens (seen under load in test/chaos/database-outage). The pool and TypeORM still drop the
 * connection; this listener only turns "unhandled 'error' event, exit 1" into a log line.
 */
class ResilientClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    this.on('error', (error: Error) =>
      new Logger('Database').warn({ err: error.message }, 'database connection lost'),
    );
  }
}

/** One description of the database for the app, the migration CLI and the tests. Never `synchronize`. */
export function typeormOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize'> &
    Partial<Pick<AppConfig, 'databaseReplicaUrls'>>,
): DataSourceOptions {
  const replicas = config.databaseReplicaUrls ?? [];
  return {
    type: 'postgres',
    // With replicas every query still goes to the primary unless it asks for a replica (defaultMode):
    // only the dashboard, reports and exports do (common/database/replica-reads.ts), so nothing that
    // must read its own write can land on a replica that is behind.
    ...(replicas.length > 0
      ? {
          replication: {
            master: { url: config.databaseUrl },
            slaves: replicas.map((url) => ({ url })),
            defaultMode: 'master' as const,
          },
        }
      : { url: config.databaseUrl }),
    // No entities: the migrations' SQL is the schema, and each feature's SQL reads and writes it
    // (common/database/records.ts, docs/architecture.md).
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // connectionTimeoutMillis bounds the wait for a connection (or a free pool slot): a server that is
    // down refuses at once (503 DATABASE_UNAVAILABLE in ~1 s, test/chaos/database-outage); one that
    // hangs is given 20 s. Not shorter: in a registration rush requests queue for pool slots behind
    // the hot event's row lock, and a 5 s limit answered hundreds of them 503 on a loaded machine.
    extra: {
      max: config.databasePoolSize,
      application_name: 'wutong',
      connectionTimeoutMillis: 20_000,
      Client: ResilientClient,
    },
    // An idle pooled connection that dies (server restart, pg_terminate_backend) is dropped by the
    // pool and reported here; without a handler it would crash the process.
    poolErrorHandler: (error: Error) =>
      new Logger('Database').warn({ err: error.message }, 'idle database connection lost'),
    // Store and read timestamps as UTC instants; grouping by a carrier's zone happens in SQL.
    useUTC: true,
  };
}

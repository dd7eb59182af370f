import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicWorker } from '../common/jobs/periodic-pass';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Folds the dashboard's appended count rows into its totals every minute on the primary. A dashboard
 * read on the primary folds too; this pass keeps the rows short when the reads go to a replica.
 * Several processes may run it: the fold takes an advisory lock or skips.
 */
@Injectable()
export class DashboardFoldWorker extends PeriodicWorker {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super('DashboardFold', config);
  }

  protected pass(): Promise<unknown> {
    return this.dataSource.query(`SELECT dashboard_fold()`);
  }
}

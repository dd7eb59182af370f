import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicPass } from '../common/jobs/periodic-pass';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Folds the dashboard's appended count rows into its totals every minute on the primary. A dashboard
 * read on the primary folds too; this pass keeps the rows short when the reads go to a replica.
 * Several processes may run it: the fold takes an advisory lock or skips.
 */
@Injectable()
export class DashboardFoldWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timer = new PeriodicPass('DashboardFold', () =>
    this.dataSource.query(`SELECT dashboard_fold()`),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer.start(this.config);
  }

  onApplicationShutdown(): Promise<void> {
    return this.timer.stop();
  }
}

import { Module } from '@nestjs/common';
import { DashboardFoldWorker } from './dashboard-fold.worker';
import { DashboardService } from './dashboard.service';
import { MetricsQueries } from './metrics.queries';
import { ReportsService } from './reports.service';
import { ScopeService } from './scope.service';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

@Module({
  controllers: [TargetsController],
  providers: [
    ScopeService,
    TargetsService,
    MetricsQueries,
    DashboardService,
    ReportsService,
    DashboardFoldWorker,
  ],
  exports: [DashboardService],
})
export class TargetsModule {}

import { Module } from '@nestjs/common';
import { EventImagesModule } from '../event-images/event-images.module';
import { SurveysModule } from '../surveys/surveys.module';
import { CarrierDirectory } from './carrier-directory';
import { DashboardFoldWorker } from './dashboard-fold.worker';
import { DashboardService } from './dashboard.service';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerQueries } from './ledger/ledger.queries';
import { LedgerService } from './ledger/ledger.service';
import { MetricsQueries } from './metrics.queries';
import { ReportsService } from './reports.service';
import { ScopeService } from './scope.service';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/**
 * The reporting read model: the base's annual targets, the counting rules (metrics.queries.ts and the
 * rollup the migrations' triggers keep), the dashboard, the annual report and the ledger of events held in a period. The one place whose
 * reads join across every feature's tables; it writes only its own (targets, dashboard_*).
 */
@Module({
  imports: [SurveysModule, EventImagesModule],
  controllers: [TargetsController, LedgerController],
  providers: [
    ScopeService,
    CarrierDirectory,
    TargetsService,
    MetricsQueries,
    DashboardService,
    ReportsService,
    LedgerQueries,
    LedgerService,
    DashboardFoldWorker,
  ],
  exports: [DashboardService],
})
export class ReportingModule {}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { MentoringRequestsController } from './mentoring-requests.controller';
import { MentoringRequestsService } from './mentoring-requests.service';
import { SupplyDemandService } from './supply-demand.service';

@Module({
  imports: [NotificationsModule],
  controllers: [MentoringRequestsController],
  providers: [MentoringRequestsService, SupplyDemandService],
  exports: [MentoringRequestsService],
})
export class MentoringRequestsModule {}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SatisfactionQueries } from './satisfaction.queries';
import { SurveySender } from './survey-sender.worker';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

@Module({
  imports: [NotificationsModule],
  controllers: [SurveysController],
  providers: [SurveysService, SurveySender, SatisfactionQueries],
  exports: [SatisfactionQueries],
})
export class SurveysModule {}

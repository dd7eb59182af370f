import { Module } from '@nestjs/common';
import { MentoringRequestsModule } from '../mentoring-requests/mentoring-requests.module';
import { MentorsModule } from '../mentors/mentors.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { BookingMails } from './booking-mails';
import { BookingsService } from './bookings.service';
import { CoachingRecordsController } from './coaching-records.controller';
import { CoachingRecordsService } from './coaching-records.service';
import { LedgerService } from './ledger.service';
import { NoShowContestsController } from './no-show-contests.controller';
import { NoShowContestsService } from './no-show-contests.service';
import { OfficeHoursController } from './office-hours.controller';
import { OfficeHoursService } from './office-hours.service';
import { RemindersWorker } from './reminders.worker';

@Module({
  imports: [MentorsModule, NotificationsModule, MentoringRequestsModule],
  controllers: [OfficeHoursController, NoShowContestsController, CoachingRecordsController],
  providers: [
    OfficeHoursService,
    BookingsService,
    CoachingRecordsService,
    NoShowContestsService,
    LedgerService,
    BookingMails,
    RemindersWorker,
  ],
  exports: [BookingsService, RemindersWorker],
})
export class OfficeHoursModule {}

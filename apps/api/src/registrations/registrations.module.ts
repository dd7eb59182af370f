import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RegistrantListService } from './registrant-list.service';
import { RegistrationMails } from './registration-mails';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsQueries } from './registrations.queries';
import { RegistrationsService } from './registrations.service';
import { SessionRemindersWorker } from './session-reminders.worker';

@Module({
  imports: [EventsModule, NotificationsModule],
  controllers: [RegistrationsController],
  providers: [
    RegistrationsService,
    RegistrationsQueries,
    RegistrationMails,
    RegistrantListService,
    SessionRemindersWorker,
  ],
  exports: [RegistrationsService, RegistrationsQueries],
})
export class RegistrationsModule {}

import { Module } from '@nestjs/common';
import { MailerService } from './mailer.service';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox.worker';

@Module({
  providers: [MailerService, NotificationsService, OutboxWorker],
  exports: [NotificationsService, OutboxWorker],
})
export class NotificationsModule {}

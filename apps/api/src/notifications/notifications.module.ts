import { Module } from '@nestjs/common';
import { MailerService } from './mailer.service';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox.worker';
import { PublicAddress } from './public-address';

@Module({
  providers: [MailerService, NotificationsService, OutboxWorker, PublicAddress],
  exports: [NotificationsService, OutboxWorker, PublicAddress],
})
export class NotificationsModule {}

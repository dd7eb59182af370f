import { Module } from '@nestjs/common';
import { MailerService } from './mailer.service';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox.worker';
import { OutboxRenderers } from './outbox-renderers';
import { PublicAddress } from './public-address';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SMS_PROVIDER, smsProviderFor } from './sms/sms-provider';
import { SmsService } from './sms/sms.service';

@Module({
  providers: [
    MailerService,
    NotificationsService,
    OutboxWorker,
    OutboxRenderers,
    PublicAddress,
    SmsService,
    {
      provide: SMS_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => smsProviderFor(config),
    },
  ],
  exports: [NotificationsService, OutboxWorker, OutboxRenderers, PublicAddress, SmsService],
})
export class NotificationsModule {}

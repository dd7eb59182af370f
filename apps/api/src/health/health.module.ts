import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { HealthController } from './health.controller';
import { SetupController } from './setup.controller';

@Module({ imports: [NotificationsModule], controllers: [HealthController, SetupController] })
export class HealthModule {}

import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { EventMessagesController } from './event-messages.controller';
import { EventMessagesService } from './event-messages.service';
import { SegmentQueries } from './segment.queries';

@Module({
  imports: [EventsModule, NotificationsModule],
  controllers: [EventMessagesController],
  providers: [EventMessagesService, SegmentQueries],
})
export class EventMessagesModule {}

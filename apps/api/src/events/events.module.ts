import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { EventCalendarService } from './event-calendar.service';
import { EventsController } from './events.controller';
import { EventsQueries } from './events.queries';
import { EventsService } from './events.service';

@Module({
  imports: [OrganizationsModule],
  controllers: [EventsController],
  providers: [EventsService, EventsQueries, EventCalendarService],
  exports: [EventsService, EventsQueries, EventCalendarService],
})
export class EventsModule {}

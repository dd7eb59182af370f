import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeriodsModule } from '../periods/periods.module';
import { CoHostsController } from './co-hosts.controller';
import { CoHostsService } from './co-hosts.service';
import { EventCalendarService } from './event-calendar.service';
import { EventCopiesController } from './event-copies.controller';
import { EventCopiesService } from './event-copies.service';
import { EventsController } from './events.controller';
import { EventsQueries } from './events.queries';
import { EventsService } from './events.service';

@Module({
  imports: [OrganizationsModule, PeriodsModule],
  controllers: [EventsController, EventCopiesController, CoHostsController],
  providers: [EventsService, EventsQueries, EventCalendarService, EventCopiesService, CoHostsService],
  exports: [EventsService, EventsQueries, EventCalendarService],
})
export class EventsModule {}

import { Module } from '@nestjs/common';
import { OfficeHoursModule } from '../office-hours/office-hours.module';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { RegistrationsModule } from '../registrations/registrations.module';

@Module({
  imports: [OfficeHoursModule, RegistrationsModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}

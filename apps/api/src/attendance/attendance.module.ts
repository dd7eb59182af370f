import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { EventsModule } from '../events/events.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceQueries } from './attendance.queries';
import { AttendanceService } from './attendance.service';

@Module({
  imports: [EventsModule, CompaniesModule],
  controllers: [AttendanceController],
  providers: [AttendanceService, AttendanceQueries],
  exports: [AttendanceQueries],
})
export class AttendanceModule {}

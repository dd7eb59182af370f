import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { EventsModule } from '../events/events.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceQueries } from './attendance.queries';
import { AttendanceService } from './attendance.service';
import { SignInSheetController } from './sign-in-sheet/sign-in-sheet.controller';
import { SignInSheetService } from './sign-in-sheet/sign-in-sheet.service';

@Module({
  imports: [EventsModule, CompaniesModule],
  controllers: [AttendanceController, SignInSheetController],
  providers: [AttendanceService, AttendanceQueries, SignInSheetService],
  exports: [AttendanceQueries],
})
export class AttendanceModule {}

import { Module } from '@nestjs/common';
import { PeriodLocksController } from './period-locks.controller';
import { PeriodLocksService } from './period-locks.service';

/** Locked (reported) months: admins lock and unlock them; events and attendance refuse changes in them. */
@Module({
  controllers: [PeriodLocksController],
  providers: [PeriodLocksService],
  exports: [PeriodLocksService],
})
export class PeriodsModule {}

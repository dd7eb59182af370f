import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MONTH_PATTERN, type PeriodLockView } from '@wutong/shared';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain.exception';
import { Returns, ReturnsList } from '../openapi/returns.decorator';
import { LockPeriodDto, UnlockPeriodDto } from './dto/period-lock.dto';
import { PeriodLocksService } from './period-locks.service';

/** A month in the path that is not `YYYY-MM` names nothing: 404, like an unknown id. */
const month = (value: string): string => {
  if (!MONTH_PATTERN.test(value)) throw notFound();
  return value;
};

@ApiTags('periods')
@ApiBearerAuth()
@Controller()
export class PeriodLocksController {
  constructor(private readonly locks: PeriodLocksService) {}

  @Get('periods/locks')
  @Roles('admin')
  @ReturnsList('PeriodLockView')
  list(): Promise<PeriodLockView[]> {
    return this.locks.list();
  }

  @Put('periods/:month/lock')
  @Roles('admin')
  @Returns('PeriodLockView')
  lock(
    @CurrentUser() user: Principal,
    @Param('month') value: string,
    @Body() dto: LockPeriodDto,
  ): Promise<PeriodLockView> {
    return this.locks.lock(user, month(value), dto.reason);
  }

  @Delete('periods/:month/lock')
  @Roles('admin')
  @HttpCode(204)
  async unlock(
    @CurrentUser() user: Principal,
    @Param('month') value: string,
    @Body() dto: UnlockPeriodDto,
  ): Promise<void> {
    await this.locks.unlock(user, month(value), dto.reason);
  }
}

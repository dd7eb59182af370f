import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BookingView, NoShowContestView } from '@wutong/shared';
import { CurrentUser, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns, ReturnsList } from '../openapi/returns.decorator';
import { ContestListQueryDto, ContestNoShowDto, DecideContestDto } from './dto/booking.dto';
import { NoShowContestsService } from './no-show-contests.service';

@ApiTags('office hours')
@ApiBearerAuth()
@Controller()
export class NoShowContestsController {
  constructor(private readonly contests: NoShowContestsService) {}

  @Post('bookings/:id/contest')
  @SignedIn()
  @ApiOperation({
    summary:
      'The founder contests a no-show mark, once (409 CONTEST_EXISTS); not a no-show: 409 NOT_A_NO_SHOW; the mentor 403',
  })
  @Returns('BookingView', { status: 201 })
  contest(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ContestNoShowDto,
  ): Promise<BookingView> {
    return this.contests.contest(user, id, dto.reason);
  }

  @Post('bookings/:id/contest/decision')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Organizers of the booking's carrier, or admins, uphold or overturn an open contest (others 404; decided: " +
      '409 CONTEST_NOT_OPEN). Overturning removes the mark and the suspension it caused',
  })
  @Returns('NoShowContestView')
  decide(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideContestDto,
  ): Promise<NoShowContestView> {
    return this.contests.decide(user, id, dto.decision, dto.note);
  }

  @Get('no-show-contests')
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary: "Contested no-shows of the caller's carriers (admins: all), open ones by default",
  })
  @ReturnsList('NoShowContestView')
  list(@CurrentUser() user: Principal, @Query() query: ContestListQueryDto): Promise<NoShowContestView[]> {
    return this.contests.list(user, query.status ?? 'open');
  }
}

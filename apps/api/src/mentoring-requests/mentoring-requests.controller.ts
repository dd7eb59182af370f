import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MentoringRequestView, SupplyDemandView } from '@wutong/shared';
import { CurrentUser, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns, ReturnsList } from '../openapi/returns.decorator';
import {
  AssignMentorDto,
  MentoringNeedDto,
  MentoringQueueQueryDto,
  SupplyDemandQueryDto,
} from './dto/mentoring-request.dto';
import { MentoringRequestsService } from './mentoring-requests.service';
import { SupplyDemandService } from './supply-demand.service';

@ApiTags('matching by need')
@ApiBearerAuth()
@Controller()
export class MentoringRequestsController {
  constructor(
    private readonly requests: MentoringRequestsService,
    private readonly supplyDemand: SupplyDemandService,
  ) {}

  @Post('mentoring-requests')
  @SignedIn()
  @ApiOperation({
    summary:
      'A founder describes a need: up to 5 suggested mentors, best first, each with its score and reasons ' +
      '(docs/matching.md); the need is kept in its carrier',
  })
  @Returns('MentoringRequestView', { status: 201 })
  create(@CurrentUser() user: Principal, @Body() dto: MentoringNeedDto): Promise<MentoringRequestView> {
    return this.requests.create(user, dto);
  }

  @Get('me/mentoring-requests')
  @SignedIn()
  @ApiOperation({ summary: "The caller's needs, newest first, with their suggestions and assigned mentor" })
  @ReturnsList('MentoringRequestView')
  mine(@CurrentUser() user: Principal): Promise<MentoringRequestView[]> {
    return this.requests.mine(user);
  }

  @Post('mentoring-requests/:id/queue')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary: "The founder asks the carrier to assign a mentor: the need joins the carrier's queue",
  })
  @Returns('MentoringRequestView')
  queue(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<MentoringRequestView> {
    return this.requests.queue(user, id);
  }

  @Post('mentoring-requests/:id/withdraw')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'The founder withdraws a need that is not matched yet' })
  @Returns('MentoringRequestView')
  withdraw(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<MentoringRequestView> {
    return this.requests.withdraw(user, id);
  }

  @Get('mentoring-requests')
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary:
      "Needs of the caller's carriers (admins: all) in a status (default open: the queue), oldest waiting first",
  })
  @ReturnsList('MentoringRequestView')
  list(
    @CurrentUser() user: Principal,
    @Query() query: MentoringQueueQueryDto,
  ): Promise<MentoringRequestView[]> {
    return this.requests.list(user, query);
  }

  @Post('mentoring-requests/:id/assign')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "An organizer of the need's carrier assigns a published mentor; the founder is mailed and books from that " +
      "mentor's slots",
  })
  @Returns('MentoringRequestView')
  assign(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AssignMentorDto,
  ): Promise<MentoringRequestView> {
    return this.requests.assign(user, id, dto.mentorId);
  }

  @Get('organizations/:id/mentoring/supply-demand')
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary:
      'Hours offered, booked and asked for per month and mentor category in [from, to) (default: this month and ' +
      'the 5 before), and time to first session',
  })
  @Returns('SupplyDemandView')
  report(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: SupplyDemandQueryDto,
  ): Promise<SupplyDemandView> {
    return this.supplyDemand.report(user, id, query);
  }
}

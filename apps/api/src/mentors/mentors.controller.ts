import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AvailabilitySavedView, MentorSummary, MentorView } from '@wutong/shared';
import { CurrentUser, OptionalUser, Public, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { BodyLimit } from '../common/http/body-limits';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import {
  AcceptInvitationDto,
  AvailabilityDto,
  MentorInvitationDto,
  MentorListQueryDto,
  MentorProfileDto,
} from './dto/mentor.dto';
import { MentorInvitationsService } from './mentor-invitations.service';
import { MentorsService } from './mentors.service';
import { Returns, ReturnsList } from '../openapi/returns.decorator';

@ApiTags('mentors')
@ApiBearerAuth()
@Controller()
export class MentorsController {
  constructor(
    private readonly mentors: MentorsService,
    private readonly invitations: MentorInvitationsService,
  ) {}

  @Get('mentors')
  @Public()
  @ApiOperation({ summary: 'Published mentors, filtered by category, an expertise tag and text' })
  @ReturnsList('MentorSummary')
  list(@Query() query: MentorListQueryDto): Promise<MentorSummary[]> {
    return this.mentors.list(query);
  }

  @Get('mentors/:id')
  @Public()
  @ApiOperation({ summary: 'A mentor by user id (unpublished: only the mentor, organizers and admins)' })
  @Returns('MentorView')
  get(
    @OptionalUser() caller: Principal | undefined,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<MentorView> {
    return this.mentors.get(caller, id);
  }

  @Get('me/mentor-profile')
  @Roles('mentor')
  @ApiOperation({ summary: "The caller's mentor profile with its office-hour settings" })
  @Returns('MentorView')
  mine(@CurrentUser() user: Principal): Promise<MentorView> {
    return this.mentors.mine(user);
  }

  @Put('me/mentor-profile')
  @Roles('mentor')
  @Returns('MentorView')
  updateProfile(@CurrentUser() user: Principal, @Body() dto: MentorProfileDto): Promise<MentorView> {
    return this.mentors.updateProfile(user, dto);
  }

  @Put('me/availability')
  @Roles('mentor')
  // Up to 400 date overrides and 50 weekly rules.
  @BodyLimit(128 * 1024)
  @ApiOperation({ summary: 'Weekly rules, date overrides and booking options in the mentor’s zone' })
  @Returns('AvailabilitySavedView')
  updateAvailability(
    @CurrentUser() user: Principal,
    @Body() dto: AvailabilityDto,
  ): Promise<AvailabilitySavedView> {
    return this.mentors.updateAvailability(user, dto);
  }

  @Post('mentor-invitations')
  @Roles('organizer', 'admin')
  @ApiOperation({ summary: 'Mails a link that grants the mentor role to whoever signs in with it (14 days)' })
  @Returns('MentorInvitationView', { status: 201 })
  invite(@CurrentUser() user: Principal, @Body() dto: MentorInvitationDto) {
    return this.invitations.invite(user, dto.email);
  }

  @Post('mentor-invitations/accept')
  @SignedIn()
  @HttpCode(200)
  @Returns('InvitationAcceptedView')
  accept(@CurrentUser() user: Principal, @Body() dto: AcceptInvitationDto) {
    return this.invitations.accept(user, dto.token);
  }
}

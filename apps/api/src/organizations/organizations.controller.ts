import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OrganizationView, VenueView } from '@wutong/shared';
import { CurrentUser, Public, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { AddMemberDto, CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import {
  MembershipViewDto,
  MemberViewDto,
  OrganizationViewDto,
  VenueViewDto,
} from './dto/organization.views';
import { CreateVenueDto } from './dto/venue.dto';
import { OrganizationsService, type MemberView } from './organizations.service';
import { VenuesService } from './venues.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly venues: VenuesService,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: [OrganizationViewDto] })
  list(): Promise<OrganizationView[]> {
    return this.organizations.list();
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: OrganizationViewDto })
  create(@CurrentUser() user: Principal, @Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.create(user, dto);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: OrganizationViewDto })
  get(@Param('id', UuidParamPipe) id: string): Promise<OrganizationView> {
    return this.organizations.get(id);
  }

  @Patch(':id')
  @Roles('organizer', 'admin')
  @ApiOkResponse({ type: OrganizationViewDto })
  update(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    return this.organizations.update(user, id, dto);
  }

  @Get(':id/members')
  @SignedIn()
  @ApiOkResponse({ type: [MemberViewDto] })
  members(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<MemberView[]> {
    return this.organizations.listMembers(user, id);
  }

  @Post(':id/members')
  @Roles('admin')
  @ApiCreatedResponse({ type: MembershipViewDto })
  addMember(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddMemberDto,
  ) {
    return this.organizations.addMember(user, id, dto.userId);
  }

  @Delete(':id/members/:userId')
  @Roles('admin')
  @HttpCode(204)
  async removeMember(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('userId', UuidParamPipe) userId: string,
  ): Promise<void> {
    await this.organizations.removeMember(user, id, userId);
  }

  @Get(':id/venues')
  @Public()
  @ApiOkResponse({ type: [VenueViewDto] })
  listVenues(@Param('id', UuidParamPipe) id: string): Promise<VenueView[]> {
    return this.venues.list(id);
  }

  @Post(':id/venues')
  @Roles('organizer', 'admin')
  @ApiCreatedResponse({ type: VenueViewDto })
  createVenue(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateVenueDto,
  ): Promise<VenueView> {
    return this.venues.create(user, id, dto);
  }
}

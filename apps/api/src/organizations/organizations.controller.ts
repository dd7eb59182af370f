import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DoorStaffView, MembershipView, MemberView, OrganizationView, VenueView } from '@wutong/shared';
import { CurrentUser, Public, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import {
  AddDoorStaffDto,
  AddMemberDto,
  CreateOrganizationDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { CreateVenueDto } from './dto/venue.dto';
import { OrganizationsService } from './organizations.service';
import { VenuesService } from './venues.service';
import { Returns, ReturnsList } from '../openapi/returns.decorator';

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
  @ReturnsList('OrganizationView')
  list(): Promise<OrganizationView[]> {
    return this.organizations.list();
  }

  @Post()
  @Roles('admin')
  @Returns('OrganizationView', { status: 201 })
  create(@CurrentUser() user: Principal, @Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.create(user, dto);
  }

  @Get(':id')
  @Public()
  @Returns('OrganizationView')
  get(@Param('id', UuidParamPipe) id: string): Promise<OrganizationView> {
    return this.organizations.get(id);
  }

  @Patch(':id')
  @Roles('organizer', 'admin')
  @Returns('OrganizationView')
  update(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    return this.organizations.update(user, id, dto);
  }

  @Get(':id/members')
  @SignedIn()
  @ReturnsList('MemberView')
  members(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<MemberView[]> {
    return this.organizations.listMembers(user, id);
  }

  @Post(':id/members')
  @Roles('admin')
  @Returns('MembershipView', { status: 201 })
  addMember(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddMemberDto,
  ): Promise<MembershipView> {
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

  @Get(':id/door-staff')
  @Roles('organizer', 'admin')
  @ReturnsList('DoorStaffView')
  doorStaff(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<DoorStaffView[]> {
    return this.organizations.listDoorStaff(user, id);
  }

  /** 200 with the carrier's door staff after the change. */
  @Post(':id/door-staff')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @ReturnsList('DoorStaffView')
  addDoorStaff(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddDoorStaffDto,
  ): Promise<DoorStaffView[]> {
    return this.organizations.addDoorStaff(user, id, dto.userId);
  }

  @Delete(':id/door-staff/:userId')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @ReturnsList('DoorStaffView')
  removeDoorStaff(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('userId', UuidParamPipe) userId: string,
  ): Promise<DoorStaffView[]> {
    return this.organizations.removeDoorStaff(user, id, userId);
  }

  @Get(':id/venues')
  @Public()
  @ReturnsList('VenueView')
  listVenues(@Param('id', UuidParamPipe) id: string): Promise<VenueView[]> {
    return this.venues.list(id);
  }

  @Post(':id/venues')
  @Roles('organizer', 'admin')
  @Returns('VenueView', { status: 201 })
  createVenue(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateVenueDto,
  ): Promise<VenueView> {
    return this.venues.create(user, id, dto);
  }
}

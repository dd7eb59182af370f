import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserSummary, UserView } from '@wutong/shared';
import { CurrentUser, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { FindUsersQuery, GrantRoleDto, UpdateProfileDto } from './dto/profile.dto';
import { UsersService } from './users.service';
import { Returns, ReturnsList } from '../openapi/returns.decorator';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @SignedIn()
  @Returns('UserView')
  me(@CurrentUser() user: Principal): Promise<UserView> {
    return this.users.view(user.userId);
  }

  @Patch('me')
  @SignedIn()
  @Returns('UserView')
  updateMe(@CurrentUser() user: Principal, @Body() dto: UpdateProfileDto): Promise<UserView> {
    return this.users.updateProfile(user.userId, dto);
  }

  @Get('users')
  @Roles('organizer', 'admin')
  @ReturnsList('UserSummary')
  find(@CurrentUser() user: Principal, @Query() query: FindUsersQuery): Promise<UserSummary[]> {
    return this.users.findByEmail(user, query.email);
  }

  @Post('users/:id/roles')
  @Roles('admin')
  @HttpCode(200)
  @Returns('UserView')
  grant(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: GrantRoleDto,
  ): Promise<UserView> {
    return this.users.grantRole(user, id, dto.role);
  }

  @Delete('users/:id/roles/:role')
  @Roles('admin')
  @Returns('UserView')
  remove(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('role') role: string,
  ): Promise<UserView> {
    return this.users.removeRole(user, id, role);
  }
}

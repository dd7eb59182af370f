import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountView, Page } from '@wutong/shared';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns } from '../openapi/returns.decorator';
import { AccountAdminService } from './account-admin.service';
import { AccountListQueryDto } from './dto/account-list.query';

/** Admins manage people: find accounts, deactivate and reactivate them. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('admin/users')
export class AccountAdminController {
  constructor(private readonly accounts: AccountAdminService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Accounts by name, email, phone or company, role and status; newest first, 50 a page',
  })
  @Returns('AccountPage')
  list(@Query() query: AccountListQueryDto): Promise<Page<AccountView>> {
    return this.accounts.list(query);
  }

  @Post(':id/deactivate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'No sign-in until reactivated; every session ends at once (audited)' })
  @Returns('AccountView')
  deactivate(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<AccountView> {
    return this.accounts.deactivate(user, id);
  }

  @Post(':id/reactivate')
  @Roles('admin')
  @HttpCode(200)
  @Returns('AccountView')
  reactivate(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<AccountView> {
    return this.accounts.reactivate(user, id);
  }
}

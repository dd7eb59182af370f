import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MfaSetupView, MfaStatusView } from '@wutong/shared';
import { CurrentUser, Roles, SignedIn } from '../common/auth/access.decorators';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import type { Principal } from '../common/auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MfaPasswordDto } from './dto/auth.dto';
import { MfaService } from './mfa.service';
import { Returns } from '../openapi/returns.decorator';

/** Two-step sign-in of the signed-in account: status, set-up (secret + QR), turn on, turn off. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/mfa')
@SignedIn()
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Returns('MfaStatusView')
  async status(@CurrentUser() user: Principal): Promise<MfaStatusView> {
    return {
      enabled: await this.mfa.isEnabled(user.userId),
      requiredForAccount:
        this.config.adminMfa === 'required' && (user.roles.includes('admin') || user.adminAwaitingMfa),
      sessionVerified: user.mfa,
    };
  }

  @Post('totp')
  @HttpCode(200)
  @Returns('MfaSetupView')
  setup(@CurrentUser() user: Principal): Promise<MfaSetupView> {
    return this.mfa.startSetup(user);
  }

  @Post('totp/enable')
  @HttpCode(200)
  @Returns('MfaStateView')
  async enable(@CurrentUser() user: Principal, @Body() dto: MfaPasswordDto): Promise<{ enabled: true }> {
    await this.mfa.enable(user, dto.password, dto.code);
    return { enabled: true };
  }

  @Post('totp/disable')
  @HttpCode(200)
  @Returns('MfaStateView')
  async disable(@CurrentUser() user: Principal, @Body() dto: MfaPasswordDto): Promise<{ enabled: false }> {
    await this.mfa.disable(user, dto.password, dto.code);
    return { enabled: false };
  }
}

/** Admins turn off a user's two-step sign-in when the phone is lost. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('users')
export class UserMfaController {
  constructor(private readonly mfa: MfaService) {}

  @Delete(':id/mfa')
  @Roles('admin')
  @HttpCode(204)
  async reset(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.mfa.resetByAdmin(user, id);
  }
}

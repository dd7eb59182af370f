import { Body, Controller, Headers, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthResponse } from '@wutong/shared';
import { CurrentUser, Public, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { AuthService } from './auth.service';
import { AuthThrottlerGuard } from './auth-throttler.guard';
import {
  ChangePasswordDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetDto,
  SignupDto,
} from './dto/auth.dto';
import { Returns } from '../openapi/returns.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/signup')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @Returns('AuthResponse', { status: 201 })
  signup(@Body() dto: SignupDto, @Headers('user-agent') userAgent?: string): Promise<AuthResponse> {
    return this.auth.signup(dto, userAgent);
  }

  @Post('auth/login')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(200)
  @Returns('AuthResponse')
  login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Headers('user-agent') userAgent?: string,
  ): Promise<AuthResponse> {
    return this.auth.login(dto, request.ip, userAgent);
  }

  @Post('auth/logout')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(204)
  async logout(@CurrentUser() user: Principal): Promise<void> {
    await this.auth.logout(user);
  }

  @Post('auth/password-reset')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(202)
  @Returns('PasswordResetAcceptedView', { status: 202 })
  async requestReset(
    @Body() dto: PasswordResetDto,
    @Req() request: FastifyRequest,
  ): Promise<{ accepted: true }> {
    await this.auth.requestPasswordReset(dto.email, request.ip);
    return { accepted: true };
  }

  @Post('auth/password-reset/confirm')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(200)
  @Returns('PasswordResetDoneView')
  async confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<{ ok: true }> {
    await this.auth.confirmPasswordReset(dto);
    return { ok: true };
  }

  @Post('me/password')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(200)
  @Returns('ChangedPasswordView')
  changePassword(
    @CurrentUser() user: Principal,
    @Body() dto: ChangePasswordDto,
    @Headers('user-agent') userAgent?: string,
  ): Promise<{ accessToken: string }> {
    return this.auth.changePassword(user, dto, userAgent);
  }
}

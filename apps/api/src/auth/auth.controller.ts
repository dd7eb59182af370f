import { Body, Controller, Headers, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { AuthResponse, UserView } from '@wutong/shared';
import { CurrentUser, Public, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { AuthService } from './auth.service';
import { AuthThrottlerGuard, BY_ACCOUNT } from './auth-throttler.guard';
import {
  AddEmailDto,
  ChangePasswordDto,
  ConfirmEmailDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetDto,
  SignInCodeDto,
  SignupDto,
} from './dto/auth.dto';
import { EmailVerification } from './email-verification.service';
import { Returns } from '../openapi/returns.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly verification: EmailVerification,
  ) {}

  @Post('auth/signup')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @Returns('AuthResponse', { status: 201 })
  signup(
    @Body() dto: SignupDto,
    @Req() request: FastifyRequest,
    @Headers('user-agent') userAgent?: string,
  ): Promise<AuthResponse> {
    return this.auth.signup(dto, request.ip, userAgent);
  }

  /** Per account, sign-in failures close the account to unknown devices (SignInProtection) instead of a hard limit. */
  @Post('auth/login')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ [BY_ACCOUNT]: true })
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

  /** A one-time code by mail, for signing in from a new device while the account is closed to them. */
  @Post('auth/sign-in-code')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(202)
  @Returns('CodeSentView', { status: 202 })
  async signInCode(@Body() dto: SignInCodeDto, @Req() request: FastifyRequest): Promise<{ accepted: true }> {
    await this.auth.requestSignInCode(dto.email, request.ip);
    return { accepted: true };
  }

  /**
   * An account without a confirmed email (one made by phone) gives its address: a code is mailed to
   * it (the limits of the route below); it is the account's email once confirmed.
   */
  @Post('me/email')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(202)
  @Returns('CodeSentView', { status: 202 })
  async addEmail(@CurrentUser() user: Principal, @Body() dto: AddEmailDto): Promise<{ accepted: true }> {
    await this.verification.addAddress(user, dto.email);
    return { accepted: true };
  }

  /** A new verification code for the signed-in account's email (at most one a minute, ten a day). */
  @Post('me/email/code')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(202)
  @Returns('CodeSentView', { status: 202 })
  async sendEmailCode(@CurrentUser() user: Principal): Promise<{ accepted: true }> {
    await this.verification.resend(user);
    return { accepted: true };
  }

  /** Confirms the email with the mailed code: the account is verified. */
  @Post('me/email/confirm')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(200)
  @Returns('UserView')
  confirmEmail(@CurrentUser() user: Principal, @Body() dto: ConfirmEmailDto): Promise<UserView> {
    return this.verification.confirm(user, dto.code);
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
  ): Promise<{ accessToken: string; deviceToken: string }> {
    return this.auth.changePassword(user, dto, userAgent);
  }
}

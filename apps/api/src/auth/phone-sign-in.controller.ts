import { Body, Controller, Headers, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SmsLoginResponse, VerifiedPhoneView } from '@wutong/shared';
import { CurrentUser, Public, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { Returns } from '../openapi/returns.decorator';
import { AuthThrottlerGuard } from './auth-throttler.guard';
import { PhoneConfirmDto, PhoneDto, SmsCodeDto, SmsLoginDto } from './dto/phone.dto';
import { PhoneSignIn } from './phone-sign-in.service';

@ApiTags('auth')
@Controller()
export class PhoneSignInController {
  constructor(private readonly phone: PhoneSignIn) {}

  /** Texts a sign-in code; the same answer for known and unknown numbers. Per number: one a minute, 10 a day. */
  @Post('auth/sms-code')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(202)
  @Returns('CodeSentView', { status: 202 })
  async smsCode(@Body() dto: SmsCodeDto, @Req() request: FastifyRequest): Promise<{ accepted: true }> {
    await this.phone.sendLoginCode(dto.phone, request.ip);
    return { accepted: true };
  }

  /** Signs in with the texted code; an unknown number makes a founder (then `displayName` is needed). */
  @Post('auth/sms-login')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(200)
  @Returns('SmsLoginResponse')
  smsLogin(
    @Body() dto: SmsLoginDto,
    @Req() request: FastifyRequest,
    @Headers('user-agent') userAgent?: string,
  ): Promise<SmsLoginResponse> {
    return this.phone.login(dto, request.ip, userAgent);
  }

  /** Texts a code to confirm a number for this account. */
  @Post('me/phone')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(202)
  @Returns('CodeSentView', { status: 202 })
  async addPhone(
    @CurrentUser() user: Principal,
    @Body() dto: PhoneDto,
    @Req() request: FastifyRequest,
  ): Promise<{ accepted: true }> {
    await this.phone.sendVerifyCode(user, dto.phone, request.ip);
    return { accepted: true };
  }

  /** Confirms the number with the texted code: the account can sign in by phone from now on. */
  @Post('me/phone/confirm')
  @SignedIn()
  @ApiBearerAuth()
  @HttpCode(200)
  @Returns('VerifiedPhoneView')
  confirmPhone(@CurrentUser() user: Principal, @Body() dto: PhoneConfirmDto): Promise<VerifiedPhoneView> {
    return this.phone.confirm(user, dto.phone, dto.code);
  }
}

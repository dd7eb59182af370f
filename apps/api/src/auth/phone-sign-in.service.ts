import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_LOCALE, type SmsLoginResponse, type VerifiedPhoneView } from '@wutong/shared';
import type { Principal } from '../common/auth/principal';
import { DomainException } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { SecurityLog } from '../common/security/security-log';
import { mainlandMobile } from '../common/validation/phone';
import { SmsService } from '../notifications/sms/sms.service';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import type { SmsLoginDto } from './dto/phone.dto';
import { MfaService } from './mfa.service';
import { PHONE_CODE_MINUTES, PhoneCodes, type PhoneCodePurpose } from './phone-codes.service';

/**
 * Signing in by a texted code (an unknown number makes a founder), and adding a verified phone to a
 * signed-in account. Texts leave through the SMS outbox; codes are never logged.
 */
@Injectable()
export class PhoneSignIn {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly codes: PhoneCodes,
    private readonly sms: SmsService,
    private readonly mfa: MfaService,
    private readonly securityLog: SecurityLog,
  ) {}

  /** Texts a sign-in code, known number or not (the answer is the same); 429 within a minute or past 10 a day. */
  async sendLoginCode(phone: string, ip: string): Promise<void> {
    await this.send(e164(phone), 'login', null, ip);
  }

  /**
   * Checks the code first (so an unknown number is not told apart before it is proven), then signs
   * the number's account in, or makes a founder with `displayName` (400 naming it when missing).
   */
  async login(dto: SmsLoginDto, ip: string, userAgent?: string): Promise<SmsLoginResponse> {
    const phone = e164(dto.phone);
    const codeId = await this.codes.check(phone, 'login', null, dto.code);
    if (!codeId) {
      this.securityLog.record('signin.sms_failed', { phone, ip });
      throw new DomainException('INVALID_CODE');
    }
    const existing = await this.users.findByVerifiedPhone(phone);
    if (!existing && !dto.displayName?.trim())
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('displayName', 'isNotEmpty', 'displayName is needed: this number has no account yet'),
      ]);
    const mfa = existing ? await this.mfa.isEnabled(existing.id) : false;
    if (mfa) {
      if (!dto.otp) throw new DomainException('MFA_CODE_REQUIRED');
      if (!(await this.mfa.acceptCode(existing!.id, dto.otp))) {
        this.securityLog.record('signin.mfa_failed', { userId: existing!.id, ip });
        throw new DomainException('INVALID_MFA_CODE');
      }
    }
    const userId = await this.dataSource.transaction(async (m) => {
      if (!(await this.codes.consume(m, codeId))) throw new DomainException('INVALID_CODE');
      if (existing) return existing.id;
      const user = await this.users.createByPhone(m, {
        phone,
        displayName: dto.displayName!,
        locale: dto.locale ?? DEFAULT_LOCALE,
      });
      this.securityLog.record('signup', { userId: user.id, phone, ip });
      return user.id;
    });
    const session = await this.auth.signInProven(userId, ip, userAgent, mfa);
    return { ...session, created: !existing };
  }

  /** Texts a code to confirm a number for the signed-in account; verified by another account: 409 PHONE_TAKEN. */
  async sendVerifyCode(principal: Principal, phone: string, ip: string): Promise<void> {
    const number = e164(phone);
    const holder = await this.users.findByVerifiedPhone(number);
    if (holder && holder.id !== principal.userId) throw new DomainException('PHONE_TAKEN');
    await this.send(number, 'verify', principal.userId, ip);
  }

  /** Confirms the number with the texted code (wrong, used or expired: 400 WRONG_CODE). */
  async confirm(principal: Principal, phone: string, code: string): Promise<VerifiedPhoneView> {
    const number = e164(phone);
    const codeId = await this.codes.check(number, 'verify', principal.userId, code);
    if (!codeId) throw new DomainException('WRONG_CODE');
    await this.dataSource.transaction(async (m) => {
      if (!(await this.codes.consume(m, codeId))) throw new DomainException('WRONG_CODE');
      await this.users.setVerifiedPhone(m, principal.userId, number);
    });
    this.securityLog.record('phone.verified', { userId: principal.userId, phone: number });
    return { phone: number };
  }

  private async send(
    phone: string,
    purpose: PhoneCodePurpose,
    userId: string | null,
    ip: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const issued = await this.codes.issue(m, phone, purpose, userId);
      if ('retryAfterSeconds' in issued)
        throw new DomainException('RATE_LIMITED', undefined, { retryAfter: issued.retryAfterSeconds });
      await this.sms.enqueue(m, phone, purpose === 'login' ? 'login_code' : 'verify_code', {
        code: issued.code,
        validMinutes: PHONE_CODE_MINUTES,
      });
    });
    this.securityLog.record('sms.code_sent', { phone, purpose, userId, ip });
  }
}

/** The DTOs validated the number; this writes it as stored (E.164). */
function e164(phone: string): string {
  const number = mainlandMobile(phone);
  if (!number)
    throw new DomainException('VALIDATION_FAILED', [fieldError('phone', 'isMainlandMobile', 'phone')]);
  return number;
}

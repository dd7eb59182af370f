import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  LOCALES,
  type Locale,
  type PhoneConfirmRequest,
  type PhoneRequest,
  type SmsCodeRequest,
  type SmsLoginRequest,
} from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';
import { IsMainlandMobile } from '../../common/validation/phone';

export class SmsCodeDto implements SmsCodeRequest {
  @ApiProperty({ example: '+8613800138000' })
  @IsMainlandMobile()
  phone!: string;

  @ApiProperty({ enum: ['login'] })
  @IsIn(['login'])
  purpose!: 'login';
}

export class SmsLoginDto implements SmsLoginRequest {
  @ApiProperty({ example: '+8613800138000' })
  @IsMainlandMobile()
  phone!: string;

  @ApiProperty({ example: '123456' })
  @IsString()
  @MaxLength(16)
  code!: string;

  @ApiPropertyOptional({ example: '李明', description: 'Needed when the number has no account yet' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'zh-CN' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    description: 'Authenticator code, for accounts with two-step sign-in',
    example: '123456',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'otp must be 6 digits' })
  otp?: string;
}

export class PhoneDto implements PhoneRequest {
  @ApiProperty({ example: '+8613800138000' })
  @IsMainlandMobile()
  phone!: string;
}

export class PhoneConfirmDto implements PhoneConfirmRequest {
  @ApiProperty({ example: '+8613800138000' })
  @IsMainlandMobile()
  phone!: string;

  @ApiProperty({ example: '123456' })
  @IsString()
  @MaxLength(16)
  code!: string;
}

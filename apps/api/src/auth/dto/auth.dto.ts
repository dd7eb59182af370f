import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  LOCALES,
  type AddEmailRequest,
  type ChangePasswordRequest,
  type ConfirmEmailRequest,
  type Locale,
  type MfaEnableRequest,
  type SignInCodeRequest,
  type LoginRequest,
  type PasswordResetConfirmRequest,
  type PasswordResetRequest,
  type SignupRequest,
} from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

// Length rules of passwords are checked by PasswordService (WEAK_PASSWORD); here only the type and a hard cap.
export class SignupDto implements SignupRequest {
  @ApiProperty({ example: 'founder@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ example: '李明' })
  @IsString()
  @NotBlank()
  @MaxLength(100)
  displayName!: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'zh-CN' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class LoginDto implements LoginRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({
    description: 'Authenticator code, for accounts with two-step sign-in',
    example: '123456',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'otp must be 6 digits' })
  otp?: string;

  @ApiPropertyOptional({
    description: 'The secret this browser received at an earlier sign-in (deviceToken)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  deviceToken?: string;

  @ApiPropertyOptional({
    description: 'A code mailed by POST /auth/sign-in-code, while the account is closed to new devices',
    example: '123456',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'emailCode must be 6 digits' })
  emailCode?: string;
}

export class SignInCodeDto implements SignInCodeRequest {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class ConfirmEmailDto implements ConfirmEmailRequest {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class MfaCodeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

/** Turning two-step sign-in on or off: a code from the app and the account's current password. */
export class MfaPasswordDto extends MfaCodeDto implements MfaEnableRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class PasswordResetDto implements PasswordResetRequest {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto implements PasswordResetConfirmRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiPropertyOptional({ description: 'Required when the account has a password' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  currentPassword?: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class AddEmailDto implements AddEmailRequest {
  @ApiProperty({ example: 'founder@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

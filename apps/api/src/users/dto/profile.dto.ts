import { IsPhone } from '../../common/validation/phone';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  COMPANY_STAGES,
  GRANTABLE_ROLES,
  INDUSTRIES,
  LOCALES,
  NOTIFICATION_CHANNELS,
  type CompanyInput,
  type CompanyStage,
  type Industry,
  type Locale,
  type NotificationChannels,
  type Role,
  type UpdateProfileRequest,
} from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

export class CompanyDto implements CompanyInput {
  @ApiProperty({ example: '衡阳智造科技有限公司' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    example: '91350100M000100Y43',
    nullable: true,
    description: '统一社会信用代码 (GB 32100)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  creditCode?: string | null;

  @ApiPropertyOptional({ enum: COMPANY_STAGES, nullable: true })
  @IsOptional()
  @IsIn(COMPANY_STAGES)
  stage?: CompanyStage | null;

  @ApiPropertyOptional({ enum: INDUSTRIES, nullable: true })
  @IsOptional()
  @IsIn(INDUSTRIES)
  industry?: Industry | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  incubatorId?: string | null;
}

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ type: String, example: '+86 138 0000 0000', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsPhone()
  phone?: string | null;

  @ApiPropertyOptional({
    enum: NOTIFICATION_CHANNELS,
    description: 'How notices reach the account: mail, texts or both (of what it has verified)',
  })
  // Absent leaves it; null is no choice at all (400), unlike IsOptional's pass.
  @ValidateIf((o: { notificationChannels?: unknown }) => o.notificationChannels !== undefined)
  @IsIn(NOTIFICATION_CHANNELS)
  notificationChannels?: NotificationChannels;

  @ApiPropertyOptional({ type: CompanyDto, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => CompanyDto)
  company?: CompanyDto | null;
}

export class FindUsersQuery {
  @ApiProperty({ example: 'someone@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class GrantRoleDto {
  @ApiProperty({ enum: GRANTABLE_ROLES })
  @IsIn(GRANTABLE_ROLES)
  role!: Exclude<Role, 'founder'>;
}

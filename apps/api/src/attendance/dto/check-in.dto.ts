import { IsPhone } from '../../common/validation/phone';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import type { CheckInRequest, SelfCheckInRequest } from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

export class WalkInDto {
  @ApiProperty({ example: '赵敏' })
  @IsString()
  @NotBlank()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ type: String, example: '138 0000 0000', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsPhone()
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '衡阳智造科技有限公司',
    nullable: true,
    description: 'Their company: joined to the company of that name (created if new), so it counts as served',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @NotBlank()
  @MaxLength(200)
  company?: string | null;
}

export class CheckInDto implements CheckInRequest {
  @ApiPropertyOptional({ description: 'The code of a QR ticket, scanned or typed' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  ticketCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A registration found by searching' })
  @IsOptional()
  @IsUUID()
  registrationId?: string;

  @ApiPropertyOptional({ type: WalkInDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WalkInDto)
  walkIn?: WalkInDto;
}

export class SelfCheckInDto implements SelfCheckInRequest {
  @ApiProperty()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  code!: string;
}

export class AttendeeSearchQuery {
  @ApiPropertyOptional({ description: 'Name, phone or company' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Mark who is already checked in to this session' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}

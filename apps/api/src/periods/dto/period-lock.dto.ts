import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { LockPeriodRequest, UnlockPeriodRequest } from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

export class LockPeriodDto implements LockPeriodRequest {
  @ApiPropertyOptional({ example: '2026 年 11 月报表已上报', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class UnlockPeriodDto implements UnlockPeriodRequest {
  @ApiProperty({ example: '补录 11 月 20 日漏签的 3 人', maxLength: 500 })
  @IsString()
  @NotBlank()
  @MaxLength(500)
  reason!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import type { CancelBookingRequest, CreateBookingRequest, FeedbackRequest } from '@wutong/shared';

export class SlotsQueryDto {
  @ApiPropertyOptional({ example: '2026-06-01T00:00:00+08:00', description: 'default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-06-08T00:00:00+08:00',
    description: 'default: from + 14 days; at most 62 days after from',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class CreateBookingDto implements CreateBookingRequest {
  @ApiProperty({ example: '2026-06-09T14:00:00+08:00', description: 'the start of an offered slot' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ example: '天使轮融资的估值怎么谈' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  topic!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CancelBookingDto implements CancelBookingRequest {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

export class FeedbackDto implements FeedbackRequest {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

export class LedgerQueryDto {
  @ApiPropertyOptional({ example: 2026, description: "default: this year in the mentor's zone" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

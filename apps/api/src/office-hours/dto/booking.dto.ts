import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type {
  CancelBookingRequest,
  ContestNoShowRequest,
  CreateBookingRequest,
  DecideContestRequest,
  DeclineBookingRequest,
  RescheduleBookingRequest,
  FeedbackRequest,
  NoShowRequest,
} from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

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

export class NextSlotQueryDto {
  @ApiPropertyOptional({ example: '2026-06-08T00:00:00+08:00', description: 'default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
}

export class CreateBookingDto implements CreateBookingRequest {
  @ApiProperty({ example: '2026-06-09T14:00:00+08:00', description: 'the start of an offered slot' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ example: '天使轮融资的估值怎么谈' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  topic!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { stage: '天使轮', need: '梳理融资路演材料' },
    description: "Answers to the mentor's intake questions, by question id",
  })
  @IsOptional()
  @IsObject()
  intakeAnswers?: Record<string, string>;
}

export class RescheduleBookingDto implements RescheduleBookingRequest {
  @ApiProperty({ example: '2026-06-10T10:00:00+08:00', description: 'the start of another free slot' })
  @IsISO8601({ strict: true })
  startsAt!: string;
}

export class DeclineBookingDto implements DeclineBookingRequest {
  @ApiPropertyOptional({ type: String, nullable: true, example: '这周出差，请改约下周' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  reason?: string | null;
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

export class NoShowDto implements NoShowRequest {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "What happened; required to mark before the session's end (from 15 minutes after its start)",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class ContestNoShowDto implements ContestNoShowRequest {
  @ApiProperty({ example: '我准时到了会议室，导师不在', maxLength: 1000 })
  @IsString()
  @NotBlank()
  @MaxLength(1000)
  reason!: string;
}

export class DecideContestDto implements DecideContestRequest {
  @ApiProperty({ enum: ['uphold', 'overturn'] })
  @IsIn(['uphold', 'overturn'])
  decision!: 'uphold' | 'overturn';

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class ContestListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'decided'], description: 'default: open' })
  @IsOptional()
  @IsIn(['open', 'decided'])
  status?: 'open' | 'decided';
}

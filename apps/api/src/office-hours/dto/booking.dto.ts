import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  COACHING_ACTION_OWNERS,
  MAX_COACHING_ACTIONS,
  MAX_COACHING_TOPICS,
  type CoachingActionInput,
  type CoachingActionOwner,
  type CoachingRecordRequest,
  type CancelBookingRequest,
  type ContestNoShowRequest,
  type CreateBookingRequest,
  type DecideContestRequest,
  type DeclineBookingRequest,
  type RescheduleBookingRequest,
  type FeedbackRequest,
  type NoShowRequest,
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

export class CoachingActionDto implements CoachingActionInput {
  @ApiPropertyOptional({ description: 'kept when editing, so a ticked action stays ticked', example: 'a1' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  id?: string;

  @ApiProperty({ example: '把估值区间和可比公司整理成一页' })
  @IsString()
  @NotBlank()
  @MaxLength(500)
  text!: string;

  @ApiProperty({ enum: COACHING_ACTION_OWNERS })
  @IsIn(COACHING_ACTION_OWNERS)
  owner!: CoachingActionOwner;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-06-20' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'due must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  due?: string | null;
}

export class CoachingRecordDto implements CoachingRecordRequest {
  @ApiProperty({ example: '梳理了天使轮估值的思路和条款清单的重点。', maxLength: 4000 })
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  summary!: string;

  @ApiPropertyOptional({ type: [String], example: ['融资', '估值'], maxItems: MAX_COACHING_TOPICS })
  @IsOptional()
  @ArrayMaxSize(MAX_COACHING_TOPICS)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(50, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ type: [CoachingActionDto], maxItems: MAX_COACHING_ACTIONS })
  @IsOptional()
  @ArrayMaxSize(MAX_COACHING_ACTIONS)
  @ValidateNested({ each: true })
  @Type(() => CoachingActionDto)
  actions?: CoachingActionDto[];

  @ApiPropertyOptional({ type: String, nullable: true, example: '两周后复盘路演材料' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  followUp?: string | null;
}

export class TickActionDto {
  @ApiProperty({ description: 'true: done; false: open again' })
  @IsBoolean()
  done!: boolean;
}

export class CoachingRecordsQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+08:00', description: 'default: 90 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-07-01T00:00:00+08:00', description: 'default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'true: only sessions without a record' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  missing?: boolean;
}

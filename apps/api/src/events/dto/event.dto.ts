import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EVENT_STATUSES,
  EVENT_TYPES,
  MAX_CAPACITY,
  MAX_QUESTIONS,
  MAX_REMINDER_OFFSETS,
  MAX_SESSIONS,
  QUESTION_KINDS,
  REMINDER_OFFSET_MAX,
  REMINDER_OFFSET_MIN,
  type CreateEventRequest,
  type EventSessionInput,
  type EventStatus,
  type EventType,
  type ManagedEventListQuery,
  type QuestionInput,
  type QuestionKind,
  type UpdateEventRequest,
} from '@wutong/shared';
import { MaxDecimalPlaces } from '../../common/validation/decimal';
import { NotBlank } from '../../common/validation/not-blank';

const ISO = { strict: true, strictSeparator: true } as const;
const nullable = (_: unknown, v: unknown) => v !== null;

export class EventSessionDto implements EventSessionInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing session kept by an edit' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: '2026-12-10T19:00:00+08:00' })
  @IsISO8601(ISO)
  startsAt!: string;

  @ApiProperty({ example: '2026-12-10T21:00:00+08:00' })
  @IsISO8601(ISO)
  endsAt!: string;

  @ApiPropertyOptional({ type: String, example: '第一讲：增值税', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(200)
  title?: string | null;
}

export class QuestionDto implements QuestionInput {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: '公司名称' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  label!: string;

  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS)
  kind!: QuestionKind;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['种子轮', '天使轮', 'A 轮'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  options?: string[];
}

export class CreateEventDto implements CreateEventRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({ enum: EVENT_TYPES })
  @IsIn(EVENT_TYPES)
  type!: EventType;

  @ApiProperty({ example: '创业沙龙：早期项目如何找到第一笔融资' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '邀请三位投资人与创业者面对面交流。' })
  @IsString()
  @MaxLength(20_000)
  description!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  venueId?: string | null;

  @ApiPropertyOptional({ type: String, example: 'https://meeting.tencent.com/dm/abc', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  onlineUrl?: string | null;

  @ApiProperty({ example: 80 })
  @IsInt()
  @Min(0)
  @Max(MAX_CAPACITY)
  capacity!: number;

  @ApiProperty()
  @IsBoolean()
  approvalRequired!: boolean;

  @ApiProperty()
  @IsBoolean()
  waitlistEnabled!: boolean;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsISO8601(ISO)
  registrationOpensAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsISO8601(ISO)
  registrationClosesAt?: string | null;

  @ApiProperty({ type: [EventSessionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SESSIONS)
  @ValidateNested({ each: true })
  @Type(() => EventSessionDto)
  sessions!: EventSessionDto[];

  @ApiPropertyOptional({ type: [QuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];

  @ApiPropertyOptional({ type: [String], description: 'Mentor user ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  speakerIds?: string[];

  @ApiPropertyOptional({ example: 0.75, minimum: 0.1, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @MaxDecimalPlaces(2)
  @Min(0.1)
  @Max(1)
  completionShare?: number;

  @ApiPropertyOptional({
    type: [Number],
    example: [1440, 120],
    description: `Reminders, in minutes before each session: 0–${MAX_REMINDER_OFFSETS}, each ${REMINDER_OFFSET_MIN}–${REMINDER_OFFSET_MAX}; default [1440, 120]`,
  })
  @ValidateIf((o: { reminderOffsetsMinutes?: unknown }) => o.reminderOffsetsMinutes !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_REMINDER_OFFSETS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(REMINDER_OFFSET_MIN, { each: true })
  @Max(REMINDER_OFFSET_MAX, { each: true })
  reminderOffsetsMinutes?: number[];
}

export class UpdateEventDto
  extends PartialType(OmitType(CreateEventDto, ['organizationId'] as const))
  implements UpdateEventRequest {}

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

export class EventListQueryDto implements ManagedEventListQuery {
  @ApiPropertyOptional({ description: 'Events that have not ended by then (default: now)' })
  @IsOptional()
  @IsISO8601(ISO)
  from?: string;

  @ApiPropertyOptional({ description: 'Events that start before then' })
  @IsOptional()
  @IsISO8601(ISO)
  to?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  type?: EventType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: EVENT_STATUSES, description: 'Organizers’ list only' })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

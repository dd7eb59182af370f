import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  BOOKING_CONFIRMATIONS,
  INTAKE_QUESTION_KINDS,
  MAX_INTAKE_QUESTIONS,
  MAX_OVERRIDES,
  MAX_REQUEST_TTL_HOURS,
  MAX_RULES,
  MENTOR_CATEGORIES,
  type BookingConfirmation,
  type IntakeQuestionInput,
  type IntakeQuestionKind,
  type AcceptInvitationRequest,
  type AvailabilityRequest,
  type DateOverride,
  type MentorCategory,
  type MentorInvitationRequest,
  type MentorListQuery,
  type MentorProfileRequest,
  type WeeklyRule,
} from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const clockMessage = { message: '$property must be a time as HH:MM (00:00–24:00)' };

const trimmedTags = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? [...new Set(value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== ''))]
    : value;

export class MentorProfileDto implements MentorProfileRequest {
  @ApiProperty({ enum: MENTOR_CATEGORIES })
  @IsIn(MENTOR_CATEGORIES)
  category!: MentorCategory;

  @ApiPropertyOptional({ type: String, example: '教授、博士生导师', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  title?: string | null;

  @ApiPropertyOptional({ type: String, example: '南华大学经济管理学院', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  affiliation?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(4000)
  bio?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['financing', 'tax'] })
  @IsOptional()
  @Transform(trimmedTags)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  expertise?: string[];

  @ApiPropertyOptional({ type: [String], example: ['zh-CN', 'en'] })
  @IsOptional()
  @Transform(trimmedTags)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  photoUrl?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  published?: boolean;

  @ApiPropertyOptional({ type: () => [IntakeQuestionDto], maxItems: MAX_INTAKE_QUESTIONS })
  @IsOptional()
  @ArrayMaxSize(MAX_INTAKE_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => IntakeQuestionDto)
  intakeQuestions?: IntakeQuestionDto[];
}

export class IntakeQuestionDto implements IntakeQuestionInput {
  @ApiPropertyOptional({
    description: 'kept when editing a question; a new one gets an id',
    example: 'stage',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  id?: string;

  @ApiProperty({ example: '公司目前处于哪个阶段？' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  label!: string;

  @ApiProperty({ enum: INTAKE_QUESTION_KINDS })
  @IsIn(INTAKE_QUESTION_KINDS)
  kind!: IntakeQuestionKind;

  @ApiPropertyOptional({ type: [String], description: 'the choices of a `choice` question (2–10)' })
  @ValidateIf((o: IntakeQuestionDto) => o.kind === 'choice' || o.options !== undefined)
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(100, { each: true })
  options?: string[];

  @ApiProperty()
  @IsBoolean()
  required!: boolean;
}

export class WeeklyRuleDto implements WeeklyRule {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '14:00' })
  @IsString()
  @Matches(CLOCK, clockMessage)
  start!: string;

  @ApiProperty({ example: '17:00' })
  @IsString()
  @Matches(CLOCK, clockMessage)
  end!: string;

  @ApiProperty({ example: 60 })
  @IsInt()
  @Min(10)
  @Max(480)
  slotMinutes!: number;

  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  bufferMinutes?: number;
}

export class DateOverrideDto implements DateOverride {
  @ApiProperty({ example: '2026-06-09' })
  @IsString()
  @Matches(DATE, { message: '$property must be a date as YYYY-MM-DD' })
  date!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  unavailable?: boolean;

  @ApiPropertyOptional({ example: '09:00' })
  @IsOptional()
  @IsString()
  @Matches(CLOCK, clockMessage)
  start?: string;

  @ApiPropertyOptional({ example: '12:00' })
  @IsOptional()
  @IsString()
  @Matches(CLOCK, clockMessage)
  end?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(480)
  slotMinutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  bufferMinutes?: number;
}

export class AvailabilityDto implements AvailabilityRequest {
  @ApiPropertyOptional({ enum: BOOKING_CONFIRMATIONS, default: 'instant' })
  @IsOptional()
  @IsIn(BOOKING_CONFIRMATIONS)
  confirmation?: BookingConfirmation;

  @ApiPropertyOptional({ default: 48, minimum: 1, maximum: MAX_REQUEST_TTL_HOURS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REQUEST_TTL_HOURS)
  requestTtlHours?: number;

  @ApiProperty({ example: 'Asia/Shanghai' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ type: [WeeklyRuleDto] })
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => WeeklyRuleDto)
  rules!: WeeklyRuleDto[];

  @ApiProperty({ type: [DateOverrideDto] })
  @ArrayMaxSize(MAX_OVERRIDES)
  @ValidateNested({ each: true })
  @Type(() => DateOverrideDto)
  overrides!: DateOverrideDto[];

  @ApiPropertyOptional({ default: 12 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  minNoticeHours?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: unlimited' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(100)
  maxPerDay?: number | null;

  @ApiPropertyOptional({ default: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  horizonWeeks?: number;

  @ApiPropertyOptional({ default: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxFuturePerFounder?: number;

  @ApiPropertyOptional({ default: true, description: 'Chinese public holidays off, 调休 make-up days on' })
  @IsOptional()
  @IsBoolean()
  holidaysOff?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: '创新中心 3 楼 305 会客室' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  onlineUrl?: string | null;
}

export class MentorListQueryDto implements MentorListQuery {
  @ApiPropertyOptional({ enum: MENTOR_CATEGORIES })
  @IsOptional()
  @IsIn(MENTOR_CATEGORIES)
  category?: MentorCategory;

  @ApiPropertyOptional({ example: 'financing' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  expertise?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class MentorInvitationDto implements MentorInvitationRequest {
  @ApiProperty({ example: 'professor@example.edu.cn' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class AcceptInvitationDto implements AcceptInvitationRequest {
  @ApiProperty()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  COMPANY_STAGES,
  INDUSTRIES,
  MAX_NEED_LENGTH,
  MENTOR_CATEGORIES,
  MENTORING_REQUEST_STATUSES,
  type CompanyStage,
  type Industry,
  type MentorCategory,
  type MentoringNeedInput,
  type MentoringRequestStatus,
} from '@wutong/shared';

export class MentoringNeedDto implements MentoringNeedInput {
  @ApiPropertyOptional({ enum: MENTOR_CATEGORIES, nullable: true })
  @IsOptional()
  @IsIn(MENTOR_CATEGORIES)
  category?: MentorCategory | null;

  @ApiPropertyOptional({ enum: INDUSTRIES, nullable: true })
  @IsOptional()
  @IsIn(INDUSTRIES)
  industry?: Industry | null;

  @ApiPropertyOptional({ enum: COMPANY_STAGES, nullable: true })
  @IsOptional()
  @IsIn(COMPANY_STAGES)
  stage?: CompanyStage | null;

  @ApiProperty({ example: '准备天使轮融资，想请人看看商业计划书和估值', maxLength: MAX_NEED_LENGTH })
  @IsString()
  @MaxLength(MAX_NEED_LENGTH)
  @Matches(/\S/, { message: 'need must not be empty' })
  need!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: "The carrier whose queue it joins; default: the carrier of the best suggestion's mentor",
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}

export class MentoringQueueQueryDto {
  @ApiPropertyOptional({ enum: MENTORING_REQUEST_STATUSES, description: 'default: open' })
  @IsOptional()
  @IsIn(MENTORING_REQUEST_STATUSES)
  status?: MentoringRequestStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'One carrier (default: all the caller organizes)' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class AssignMentorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  mentorId!: string;
}

export class SupplyDemandQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01T00:00:00+08:00',
    description: 'default: the start of the month 5 months ago',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-07-01T00:00:00+08:00',
    description: 'default: the start of next month',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

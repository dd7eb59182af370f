import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  SURVEY_QUESTION_KINDS,
  type PutSurveyRequest,
  type SurveyAnswerValue,
  type SurveyQuestionInput,
  type SurveyQuestionKind,
  type SurveyResponseRequest,
} from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

/** Questions a survey may hold (default and extra each). */
export const MAX_SURVEY_QUESTIONS = 20;

export class SurveyQuestionDto implements SurveyQuestionInput {
  @ApiPropertyOptional({ example: 'venue', description: 'Kept across edits; given when absent' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  id?: string;

  @ApiProperty({ enum: SURVEY_QUESTION_KINDS })
  @IsIn(SURVEY_QUESTION_KINDS)
  kind!: SurveyQuestionKind;

  @ApiProperty({ example: '场地和时间安排是否合适？' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  label!: string;

  @ApiPropertyOptional({ type: [String], example: ['线上', '线下'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  options?: string[];

  @ApiProperty()
  @IsBoolean()
  required!: boolean;
}

export class PutSurveyDto implements PutSurveyRequest {
  @ApiProperty({ type: [SurveyQuestionDto] })
  @IsArray()
  @ArrayMaxSize(MAX_SURVEY_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions!: SurveyQuestionDto[];
}

export class SurveyResponseDto implements SurveyResponseRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    example: { overall: 5, recommend: 9, comment: '嘉宾很专业' },
  })
  @IsObject()
  answers!: Record<string, SurveyAnswerValue>;
}

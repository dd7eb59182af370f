import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import {
  REGISTRATION_STATUSES,
  type Answers,
  type RegisterRequest,
  type RegistrationStatus,
} from '@wutong/shared';
import { checkBodyByHand, isPlainObject } from '../../common/validation/validation.pipe';

export class RegisterDto implements RegisterRequest {
  @ApiPropertyOptional({
    description: 'Answers keyed by question id: text, or a list of choices for multiple_choice',
    example: { 'question-id': '衡阳智造科技有限公司' },
  })
  @IsOptional()
  @IsObject()
  answers?: Answers;
}

/**
 * The registration rush's body checked by hand (what the decorators above accept: nothing, or
 * `answers` absent, null or an object; the event's questions check its content). Anything else goes
 * through ValidationPipe, which refuses it with its usual details.
 */
checkBodyByHand(RegisterDto, (value) => {
  if (value === undefined || value === null) return new RegisterDto();
  if (!isPlainObject(value)) return undefined;
  for (const key of Object.keys(value)) if (key !== 'answers') return undefined;
  const { answers } = value;
  if (answers !== undefined && answers !== null && !isPlainObject(answers)) return undefined;
  return Object.assign(new RegisterDto(), value);
});

export class RegistrantsQueryDto {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

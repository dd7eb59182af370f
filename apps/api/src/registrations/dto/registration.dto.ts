import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import {
  REGISTRATION_STATUSES,
  type Answers,
  type RegisterRequest,
  type RegistrationStatus,
} from '@wutong/shared';

export class RegisterDto implements RegisterRequest {
  @ApiPropertyOptional({
    description: 'Answers keyed by question id: text, or a list of choices for multiple_choice',
    example: { 'question-id': '衡阳智造科技有限公司' },
  })
  @IsOptional()
  @IsObject()
  answers?: Answers;
}

export class RegistrantsQueryDto {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

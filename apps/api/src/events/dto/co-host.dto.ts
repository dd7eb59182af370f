import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { AddCoHostRequest } from '@wutong/shared';

export class AddCoHostDto implements AddCoHostRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId!: string;
}

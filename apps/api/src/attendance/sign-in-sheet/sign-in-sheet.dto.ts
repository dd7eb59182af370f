import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class SignInSheetQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: with check-in times and walk-ins' })
  @IsOptional()
  @IsIn(['true', 'false'])
  filled?: 'true' | 'false';
}

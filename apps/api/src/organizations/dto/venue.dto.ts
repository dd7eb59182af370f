import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { CreateVenueRequest } from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

export class CreateVenueDto implements CreateVenueRequest {
  @ApiProperty({ example: '创新中心 3 楼路演厅' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ type: String, example: '衡阳市高新区解放大道 18 号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: Number, example: 120, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;
}

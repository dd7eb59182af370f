import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { CreateVenueRequest } from '@wutong/shared';

export class CreateVenueDto implements CreateVenueRequest {
  @ApiProperty({ example: '创新中心 3 楼路演厅' })
  @IsString()
  @MinLength(1)
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

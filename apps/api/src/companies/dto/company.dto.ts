import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  COMPANY_STAGES,
  INDUSTRIES,
  type CompanyOwnerRequest,
  type CompanyStage,
  type Industry,
  type UpdateCompanyRequest,
} from '@wutong/shared';

export class UpdateCompanyDto implements UpdateCompanyRequest {
  @ApiPropertyOptional({ example: '衡阳智造科技有限公司' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: '统一社会信用代码 (GB 32100)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  creditCode?: string | null;

  @ApiPropertyOptional({ enum: COMPANY_STAGES, nullable: true })
  @IsOptional()
  @IsIn(COMPANY_STAGES)
  stage?: CompanyStage | null;

  @ApiPropertyOptional({ enum: INDUSTRIES, nullable: true })
  @IsOptional()
  @IsIn(INDUSTRIES)
  industry?: Industry | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  incubatorId?: string | null;
}

export class CompanyOwnerDto implements CompanyOwnerRequest {
  @ApiProperty({ format: 'uuid', description: 'A member of the company' })
  @IsUUID()
  userId!: string;
}

export class CompanySearchDto {
  @ApiProperty({ example: '梧桐科技', description: 'part of a name or a credit code' })
  @IsString()
  @MaxLength(100)
  q!: string;
}

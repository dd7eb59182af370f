import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  ORGANIZATION_KINDS,
  type AddDoorStaffRequest,
  type AddMemberRequest,
  type CreateOrganizationRequest,
  type OrganizationKind,
  type UpdateOrganizationRequest,
} from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

export class CreateOrganizationDto implements CreateOrganizationRequest {
  @ApiProperty({ example: '衡阳高新区创业孵化中心' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class UpdateOrganizationDto
  extends PartialType(CreateOrganizationDto)
  implements UpdateOrganizationRequest {}

export class AddMemberDto implements AddMemberRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;
}

export class AddDoorStaffDto implements AddDoorStaffRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;
}

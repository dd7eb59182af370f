import { ApiProperty } from '@nestjs/swagger';
import {
  ORGANIZATION_KINDS,
  type OrganizationKind,
  type OrganizationView,
  type VenueView,
} from '@wutong/shared';
import type { MemberView } from '../organizations.service';

/** Response shapes for the OpenAPI document; the fuzz suite holds every answer to them. */
export class OrganizationViewDto implements OrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind!: OrganizationKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MemberViewDto implements MemberView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

export class VenueViewDto implements VenueView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
}

export class MembershipViewDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
}

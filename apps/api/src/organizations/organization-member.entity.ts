import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An organizer of a carrier. */
@Entity('organization_members')
export class OrganizationMember {
  @PrimaryColumn('uuid') organizationId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OrganizationKind } from '@wutong/shared';

/** The base (管委会) or one of its carriers (载体): incubator, park, innovation centre… */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') kind!: OrganizationKind;
  @Column('uuid', { nullable: true }) parentId!: string | null;
  /** Reports group this carrier's numbers by this zone. */
  @Column('text') timeZone!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CompanyStage, Industry } from '@wutong/shared';

/** A founder's company; several founders may belong to one. Counted once in "companies served". */
@Entity('companies')
export class Company {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) creditCode!: string | null;
  @Column('text', { nullable: true }) stage!: CompanyStage | null;
  @Column('text', { nullable: true }) industry!: Industry | null;
  @Column('uuid', { nullable: true }) incubatorId!: string | null;
  /** Keeps the details: the first verified member, or a member an organizer of the incubator named. */
  @Column('uuid', { nullable: true }) ownerId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what: role grants, memberships, later targets and check-in undos. */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { nullable: true }) organizationId!: string | null;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('text') targetType!: string;
  @Column('text', { nullable: true }) targetId!: string | null;
  @Column('jsonb') details!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A mailed link that grants the mentor role once. Only the SHA-256 of its token is stored. */
@Entity('mentor_invitations')
export class MentorInvitation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') email!: string;
  @Column('text') tokenHash!: string;
  @Column('uuid', { nullable: true }) invitedBy!: string | null;
  @Column('uuid', { nullable: true }) organizationId!: string | null;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) acceptedAt!: Date | null;
  @Column('uuid', { nullable: true }) acceptedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

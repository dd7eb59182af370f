import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Answers, RegistrationStatus } from '@wutong/shared';

@Entity('registrations')
export class Registration {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') eventId!: string;
  @Column('uuid') organizationId!: string;
  @Column('uuid') userId!: string;
  @Column('text') status!: RegistrationStatus;
  /** 128 random bits, base64url; present exactly while confirmed. */
  @Column('text', { nullable: true }) ticketCode!: string | null;
  @Column('jsonb') answers!: Answers;
  @Column('bigint', { nullable: true }) waitlistSeq!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column('timestamptz', { nullable: true }) confirmedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) cancelledAt!: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale, Role } from '@wutong/shared';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Always stored lower-case. */
  @Column('text') email!: string;
  @Column('text', { select: false }) passwordHash!: string;
  @Column('text') displayName!: string;
  @Column('text') locale!: Locale;
  @Column('text') timeZone!: string;
  @Column('text', { nullable: true }) phone!: string | null;
  /** Granted roles; `founder` is everyone's and is not stored. */
  @Column('text', { array: true }) roles!: Exclude<Role, 'founder'>[];
  @Column('uuid', { nullable: true }) companyId!: string | null;
  /** The account holds a verified identity (email today, an SMS-confirmed phone later). */
  @Column('timestamptz', { nullable: true }) verifiedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) emailVerifiedAt!: Date | null;
  /** Two-step sign-in (auth/mfa.service.ts reads and writes these in SQL). */
  @Column('text', { nullable: true, select: false }) totpSecret!: string | null;
  @Column('timestamptz', { nullable: true }) totpEnabledAt!: Date | null;
  @Column('bigint', { nullable: true, select: false }) totpLastStep!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

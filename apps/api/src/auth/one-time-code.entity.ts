import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type OneTimeCodePurpose = 'verify_email' | 'sign_in';

/** A mailed 6-digit code (auth/one-time-codes.service.ts): only its HMAC is kept; a few tries, once. */
@Entity('one_time_codes')
export class OneTimeCode {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('text') purpose!: OneTimeCodePurpose;
  @Column('text') codeHash!: string;
  @Column('int') attempts!: number;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) usedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

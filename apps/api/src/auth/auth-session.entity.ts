import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One signed-in device. The access token names it, so logging out or changing the password ends it at once. */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
  @Column('text', { nullable: true }) userAgent!: string | null;
  /** Opened or confirmed with a two-step code (AUTH_ADMIN_MFA=required asks it of admins). */
  @Column('boolean', { default: false }) mfa!: boolean;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text content (calendar files, CSV). */
  content: string;
}

/** A rendered mail waiting for the worker; written in the business transaction that caused it. */
@Entity('outbox_messages')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { nullable: true }) organizationId!: string | null;
  @Column('text') template!: string;
  @Column('text') recipient!: string;
  @Column('text') subject!: string;
  @Column('text') textBody!: string;
  @Column('text') htmlBody!: string;
  @Column('jsonb') attachments!: MailAttachment[];
  @Column('text') status!: OutboxStatus;
  @Column('int') attempts!: number;
  @Column('timestamptz') nextAttemptAt!: Date;
  @Column('text', { nullable: true }) lastError!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) sentAt!: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BookingStatus, NoShowContestDecision } from '@wutong/shared';

/** A founder's session with a mentor. Active ones (confirmed, completed, no-show) never overlap per mentor. */
@Entity('bookings')
export class Booking {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') mentorId!: string;
  @Column('uuid') founderId!: string;
  @Column('uuid', { nullable: true }) organizationId!: string | null;
  @Column('timestamptz') startsAt!: Date;
  @Column('timestamptz') endsAt!: Date;
  @Column('text') status!: BookingStatus;
  @Column('text') topic!: string;
  @Column('text', { nullable: true }) note!: string | null;
  /** The mentor's zone when booked: invites and mails show times in it. */
  @Column('text') timeZone!: string;
  @Column('text', { nullable: true }) location!: string | null;
  @Column('text', { nullable: true }) onlineUrl!: string | null;
  @Column('text', { nullable: true }) idempotencyKey!: string | null;
  /** iCalendar SEQUENCE: raised on cancellation so calendars take the newer version. */
  @Column('int') sequence!: number;
  @Column('timestamptz', { nullable: true }) cancelledAt!: Date | null;
  @Column('uuid', { nullable: true }) cancelledBy!: string | null;
  @Column('text', { nullable: true }) cancelReason!: string | null;
  @Column('timestamptz', { nullable: true }) markedAt!: Date | null;
  @Column('boolean') noShowExcused!: boolean;
  /** The mentor's note with a no-show mark. */
  @Column('text', { nullable: true }) noShowNote!: string | null;
  /** The founder's contest of a no-show mark, and the decision of an organizer of the carrier. */
  @Column('text', { nullable: true }) contestReason!: string | null;
  @Column('timestamptz', { nullable: true }) contestedAt!: Date | null;
  @Column('text', { nullable: true }) contestDecision!: NoShowContestDecision | null;
  @Column('uuid', { nullable: true }) contestDecidedBy!: string | null;
  @Column('timestamptz', { nullable: true }) contestDecidedAt!: Date | null;
  @Column('text', { nullable: true }) contestDecisionNote!: string | null;
  @Column('smallint', { nullable: true }) rating!: number | null;
  @Column('text', { nullable: true }) feedbackComment!: string | null;
  @Column('timestamptz', { nullable: true }) feedbackAt!: Date | null;
  @Column('timestamptz', { nullable: true, name: 'reminded_24h_at' }) reminded24hAt!: Date | null;
  @Column('timestamptz', { nullable: true, name: 'reminded_1h_at' }) reminded1hAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EventStatus, EventType, QuestionView } from '@wutong/shared';

@Entity('events')
export class Event {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') organizationId!: string;
  @Column('text') type!: EventType;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('uuid', { nullable: true }) venueId!: string | null;
  @Column('text', { nullable: true }) onlineUrl!: string | null;
  @Column('int') capacity!: number;
  /** Only ever changed by single conditional UPDATEs (see EventsService.takeSeat / releaseSeat). */
  @Column('int') seatsTaken!: number;
  @Column('boolean') approvalRequired!: boolean;
  @Column('boolean') waitlistEnabled!: boolean;
  @Column('timestamptz', { nullable: true }) registrationOpensAt!: Date | null;
  @Column('timestamptz', { nullable: true }) registrationClosesAt!: Date | null;
  @Column('text') status!: EventStatus;
  @Column('timestamptz') startsAt!: Date;
  @Column('timestamptz') endsAt!: Date;
  @Column('jsonb') questions!: QuestionView[];
  @Column('int') sequence!: number;
  /** numeric(3,2): read as a string by pg, hence the transformer. */
  @Column('numeric', {
    precision: 3,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  completionShare!: number;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column('timestamptz', { nullable: true }) publishedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) cancelledAt!: Date | null;
}

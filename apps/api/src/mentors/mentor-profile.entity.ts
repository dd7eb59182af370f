import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DateOverride, MentorCategory, WeeklyRule } from '@wutong/shared';

/** A mentor's public profile and office-hour settings; one per user with the `mentor` role. */
@Entity('mentor_profiles')
export class MentorProfile {
  @PrimaryColumn('uuid') userId!: string;
  @Column('text') category!: MentorCategory;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text', { nullable: true }) affiliation!: string | null;
  @Column('text', { nullable: true }) bio!: string | null;
  @Column('text', { array: true }) expertise!: string[];
  @Column('text', { array: true }) languages!: string[];
  @Column('text', { nullable: true }) photoUrl!: string | null;
  @Column('boolean') published!: boolean;
  /** Chinese public holidays off and 调休 make-up days on. */
  @Column('boolean') holidaysOff!: boolean;
  @Column('text', { nullable: true }) location!: string | null;
  @Column('text', { nullable: true }) onlineUrl!: string | null;
  @Column('text') timeZone!: string;
  @Column('int') minNoticeHours!: number;
  @Column('int', { nullable: true }) maxPerDay!: number | null;
  @Column('int') horizonWeeks!: number;
  @Column('int') maxFuturePerFounder!: number;
  @Column('jsonb') rules!: WeeklyRule[];
  @Column('jsonb') overrides!: DateOverride[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

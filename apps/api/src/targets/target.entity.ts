import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EventType, Metric } from '@wutong/shared';

/** A year's target for one metric: base-wide (no carrier) or a carrier's, optionally for one event type. */
@Entity('targets')
export class Target {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { nullable: true }) organizationId!: string | null;
  @Column('int') year!: number;
  @Column('text') metric!: Metric;
  @Column('text', { nullable: true }) eventType!: EventType | null;
  @Column('int') value!: number;
  @Column('uuid', { nullable: true }) updatedBy!: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

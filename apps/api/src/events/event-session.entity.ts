import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One sitting of an event: a four-evening training has four. Check-ins and counts hang on sessions. */
@Entity('event_sessions')
export class EventSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') eventId!: string;
  @Column('uuid') organizationId!: string;
  @Column('timestamptz') startsAt!: Date;
  @Column('timestamptz') endsAt!: Date;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('timestamptz', { nullable: true }) remindedAt!: Date | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A mentor from the pool who speaks or coaches at an event. */
@Entity('event_speakers')
export class EventSpeaker {
  @PrimaryColumn('uuid') eventId!: string;
  @PrimaryColumn('uuid') userId!: string;
  /** The event's carrier (distribution column). */
  @Column('uuid') organizationId!: string;
  @Column('int') position!: number;
}

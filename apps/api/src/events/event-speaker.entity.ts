import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A mentor from the pool who speaks or coaches at an event. */
@Entity('event_speakers')
export class EventSpeaker {
  @PrimaryColumn('uuid') eventId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('int') position!: number;
}

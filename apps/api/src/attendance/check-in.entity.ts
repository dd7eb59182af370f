import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CheckInMethod = 'ticket' | 'search' | 'walk_in' | 'self';

/** One person at one session: a registration's, or a walk-in's. Counted by the session's start. */
@Entity('check_ins')
export class CheckIn {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') organizationId!: string;
  @Column('uuid') eventId!: string;
  @Column('uuid') sessionId!: string;
  @Column('uuid', { nullable: true }) registrationId!: string | null;
  /** The registrant and their company when they came (reports read these). */
  @Column('uuid', { nullable: true }) userId!: string | null;
  @Column('uuid', { nullable: true }) companyId!: string | null;
  @Column('text', { nullable: true }) walkInName!: string | null;
  @Column('text', { nullable: true }) walkInPhone!: string | null;
  /** Phone digits, or `name:<lower-case name>` without a phone: the same key is the same person. */
  @Column('text', { nullable: true }) walkInKey!: string | null;
  @Column('text') method!: CheckInMethod;
  @Column('timestamptz') checkedInAt!: Date;
  @Column('uuid', { nullable: true }) checkedInBy!: string | null;
}

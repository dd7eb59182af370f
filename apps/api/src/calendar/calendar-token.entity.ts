import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The secret of a user's personal calendar feed (its SHA-256); a new one replaces the old. */
@Entity('calendar_tokens')
export class CalendarToken {
  @PrimaryColumn('uuid') userId!: string;
  @Column('text') tokenHash!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

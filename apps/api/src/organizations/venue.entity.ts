import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A room or hall of a carrier where events take place. */
@Entity('venues')
export class Venue {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') organizationId!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) address!: string | null;
  @Column('int', { nullable: true }) capacity!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A free-text tag a user put on a movie (MovieLens tags.csv); feeds the content model. */
@Entity('tags')
export class Tag {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  movieId!: number;

  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @Column({ type: 'text' })
  tag!: string;

  @Column({ type: 'timestamptz' })
  taggedAt!: Date;
}

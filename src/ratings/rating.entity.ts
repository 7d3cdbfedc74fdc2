import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Movie } from '../movies/movie.entity';

/** One user's rating of one movie: 0.5..5.0 in half steps (a CHECK), unique per user and movie. */
@Entity('ratings')
export class Rating {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'integer' })
  movieId!: number;

  @ManyToOne(() => Movie, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'movie_id' })
  movie?: Movie;

  @Column({ type: 'real' })
  rating!: number;

  @Column({ type: 'timestamptz' })
  ratedAt!: Date;

  /** The recommendation list this feedback was given from, when the request named it. */
  @Column({ type: 'uuid', nullable: true })
  recommendationId!: string | null;
}

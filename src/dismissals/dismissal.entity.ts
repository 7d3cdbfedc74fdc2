import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Movie } from '../movies/movie.entity';

/** "Not interested": a user asked never to be shown a movie again. One row per user and movie. */
@Entity('dismissals')
export class Dismissal {
  @PrimaryColumn({ type: 'integer' })
  userId!: number;

  @PrimaryColumn({ type: 'integer' })
  movieId!: number;

  @ManyToOne(() => Movie, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'movie_id' })
  movie?: Movie;

  @Column({ type: 'timestamptz' })
  dismissedAt!: Date;
}

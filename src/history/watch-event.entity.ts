import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Movie } from '../movies/movie.entity';

/** Implicit feedback: a user watched (part of) a movie. `progress` is 0..1. */
@Entity('watch_history')
export class WatchEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'integer' })
  movieId!: number;

  @ManyToOne(() => Movie, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'movie_id' })
  movie?: Movie;

  @Column({ type: 'timestamptz' })
  watchedAt!: Date;

  @Column({ type: 'real', default: 1 })
  progress!: number;

  /** The recommendation list this feedback was given from, when the request named it. */
  @Column({ type: 'uuid', nullable: true })
  recommendationId!: string | null;
}

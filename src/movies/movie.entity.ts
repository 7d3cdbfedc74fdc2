import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Genre } from './genre.entity';

@Entity('movies')
export class Movie {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  overview!: string | null;

  @Column({ type: 'integer', nullable: true })
  releaseYear!: number | null;

  @Column({ type: 'integer', nullable: true, unique: true })
  movielensId!: number | null;

  /** IMDb id as MovieLens writes it (digits, e.g. "0114709"). */
  @Column({ type: 'text', nullable: true })
  imdbId!: string | null;

  /** One movie each (movies_tmdb_id_key), unlike imdbId. */
  @Column({ type: 'integer', nullable: true, unique: true })
  tmdbId!: number | null;

  /** Recency-weighted interaction count, recomputed at every training (see the recommender). */
  @Column({ type: 'double precision', default: 0 })
  popularity!: number;

  @Column({ type: 'integer', default: 0 })
  ratingCount!: number;

  @Column({ type: 'double precision', nullable: true })
  ratingMean!: number | null;

  @ManyToMany(() => Genre)
  @JoinTable({
    name: 'movie_genres',
    joinColumn: { name: 'movie_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'genre_id', referencedColumnName: 'id' },
  })
  genres!: Genre[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

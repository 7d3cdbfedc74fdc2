import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A TMDB id names one movie: PUT /v1/movies/by-imdb/:imdbId with a TMDB id another movie holds
 * is 409 (a unique violation), where it used to leave two movies with it and look-ups by TMDB id
 * (GET /v1/movies/by-tmdb, feedback by tmdbId) answering with the older one. MovieLens links a
 * few TMDB ids to two movies; the importer keeps each on the lowest MovieLens id and leaves the
 * others without one (merge-staged.ts).
 *
 * Rows imported before this kept such duplicates: the lowest movie id keeps the TMDB id, the one
 * look-ups already answered with, and the others' is cleared. `down` does not bring those back.
 */
export class UniqueMovieTmdbIds1795574402101 implements MigrationInterface {
  name = 'UniqueMovieTmdbIds1795574402101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE movies m SET tmdb_id = NULL
       WHERE EXISTS (SELECT 1 FROM movies o WHERE o.tmdb_id = m.tmdb_id AND o.id < m.id)`);
    await queryRunner.query(`DROP INDEX movies_tmdb_id_idx`);
    await queryRunner.query(`CREATE UNIQUE INDEX movies_tmdb_id_key ON movies (tmdb_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX movies_tmdb_id_key`);
    await queryRunner.query(`CREATE INDEX movies_tmdb_id_idx ON movies (tmdb_id, id)`);
  }
}

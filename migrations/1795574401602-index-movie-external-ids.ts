import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Look-ups of movies by IMDb and TMDB id (issue #16: apps sync their catalogs by these ids).
 * Not unique: MovieLens itself lists a few movies twice under one IMDb id, and re-imports must
 * keep working; a look-up takes the lowest movie id, and the upsert by IMDb id serialises on an
 * advisory lock instead of a unique index.
 */
export class IndexMovieExternalIds1795574401602 implements MigrationInterface {
  name = 'IndexMovieExternalIds1795574401602';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX movies_imdb_id_idx ON movies (imdb_id, id)`);
    await queryRunner.query(`CREATE INDEX movies_tmdb_id_idx ON movies (tmdb_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX movies_tmdb_id_idx`);
    await queryRunner.query(`DROP INDEX movies_imdb_id_idx`);
  }
}

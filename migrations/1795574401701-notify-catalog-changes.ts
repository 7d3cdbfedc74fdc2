import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns a response shows, but for the rating aggregates (see the trigger below). */
const SHOWN_COLUMNS = 'title, overview, release_year, movielens_id, imdb_id, tmdb_id, popularity';

/**
 * Every catalog write is announced on the `catalog` channel (MovieCatalog's CATALOG_CHANNEL),
 * whichever code or SQL made it, so each server process can keep the catalog in memory: movies
 * added, deleted, truncated or edited, their genres changed, genres renamed, a training's
 * popularity stored, an import. Statement-level triggers: an import of 60k movies is one notice,
 * not 60k, and PostgreSQL folds identical notices of one transaction into one.
 *
 * The rating aggregates (rating_count, rating_mean), which the ratings triggers update with every
 * rating, are left out on purpose: a notice per rating would empty every process's cache all the
 * time. MovieCatalog bounds their staleness instead.
 */
export class NotifyCatalogChanges1795574401701 implements MigrationInterface {
  name = 'NotifyCatalogChanges1795574401701';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('catalog', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER movies_changed_notify
        AFTER INSERT OR DELETE OR TRUNCATE ON movies
        FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER movies_edited_notify
        AFTER UPDATE OF ${SHOWN_COLUMNS} ON movies
        FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed()`);
    for (const table of ['movie_genres', 'genres']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_changed_notify
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['genres', 'movie_genres']) {
      await queryRunner.query(`DROP TRIGGER ${table}_changed_notify ON ${table}`);
    }
    await queryRunner.query(`DROP TRIGGER movies_edited_notify ON movies`);
    await queryRunner.query(`DROP TRIGGER movies_changed_notify ON movies`);
    await queryRunner.query(`DROP FUNCTION notify_catalog_changed()`);
  }
}

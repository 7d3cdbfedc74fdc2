import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The title search index (GIN, trigrams) stops buffering new entries in a pending list. With
 * `fastupdate` on, titles inserted since the last vacuum sit in that unordered list, and every
 * search scans all of it once per trigram of the query: after an import of ml-latest-small's 9k
 * titles, a 200-character query cost 100-125 ms against 0.7 ms on the flushed index, and 16 of
 * them at once held every other read for about a second. Titles are written rarely (an import,
 * an admin's edit), so inserting straight into the index costs little.
 */
export class TitleIndexWithoutPendingList1795574400410 implements MigrationInterface {
  name = 'TitleIndexWithoutPendingList1795574400410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX movies_title_trgm_idx SET (fastupdate = off)`);
    // What is pending already moves into the index proper.
    await queryRunner.query(`SELECT gin_clean_pending_list('movies_title_trgm_idx'::regclass)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX movies_title_trgm_idx RESET (fastupdate)`);
  }
}

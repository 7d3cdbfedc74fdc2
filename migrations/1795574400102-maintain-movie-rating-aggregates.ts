import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps movies.rating_count and movies.rating_mean right in the transaction of every rating
 * write, whatever issues it: the API's upsert and delete, the cascade of a deleted account, an
 * import. Statement-level triggers with transition tables apply one delta per movie per
 * statement, so a bulk insert costs one UPDATE per movie, not one per row.
 *
 * Exactness: ratings are half steps, so a movie's sum is a multiple of 0.5 and exact in a
 * double. The stored sum is recovered as round(mean * count * 2) / 2 (the rounding removes
 * the last-bit error of the division), the delta added, and the mean divided again: the result
 * is the same double as avg(rating) over the movie's rows. Concurrent writers serialise on the
 * movie row's lock, and the UPDATE re-reads the latest committed aggregate after waiting.
 */
export class MaintainMovieRatingAggregates1795574400102 implements MigrationInterface {
  name = 'MaintainMovieRatingAggregates1795574400102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION apply_movie_rating_delta(p_movie_id integer, p_count bigint, p_sum double precision)
      RETURNS void LANGUAGE sql AS $$
        UPDATE movies m
           SET rating_count = m.rating_count + p_count,
               rating_mean = CASE WHEN m.rating_count + p_count <= 0 THEN NULL
                 ELSE (round(coalesce(m.rating_mean, 0) * m.rating_count * 2) / 2 + p_sum)
                      / (m.rating_count + p_count) END
         WHERE m.id = p_movie_id
      $$`);
    // Inserted rows count +1 each, deleted rows -1: the sign is the trigger's argument.
    await queryRunner.query(`
      CREATE FUNCTION ratings_apply_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE sign integer := TG_ARGV[0]::integer;
      BEGIN
        PERFORM apply_movie_rating_delta(d.movie_id, sign * d.n, sign * d.s)
           FROM (SELECT movie_id, count(*) AS n, sum(rating::float8) AS s
                   FROM changed_rows GROUP BY movie_id ORDER BY movie_id) d;
        RETURN NULL;
      END $$`);
    // An update may move a rating between movies (never done by the API, but keep it right).
    await queryRunner.query(`
      CREATE FUNCTION ratings_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM apply_movie_rating_delta(d.movie_id, sum(d.n)::bigint, sum(d.s))
           FROM (SELECT movie_id, count(*) AS n, sum(rating::float8) AS s FROM new_rows GROUP BY movie_id
                 UNION ALL
                 SELECT movie_id, -count(*), -sum(rating::float8) FROM old_rows GROUP BY movie_id) d
          GROUP BY d.movie_id ORDER BY d.movie_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ratings_aggregate_insert AFTER INSERT ON ratings
        REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ratings_apply_changed_rows('1')`);
    await queryRunner.query(`
      CREATE TRIGGER ratings_aggregate_update AFTER UPDATE ON ratings
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ratings_after_update()`);
    await queryRunner.query(`
      CREATE TRIGGER ratings_aggregate_delete AFTER DELETE ON ratings
        REFERENCING OLD TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ratings_apply_changed_rows('-1')`);
    // Ratings that existed before this migration (imports) are counted once, here.
    await queryRunner.query(`
      UPDATE movies m SET rating_count = coalesce(a.n, 0), rating_mean = a.mean
        FROM movies m2 LEFT JOIN (SELECT movie_id, count(*) AS n, avg(rating) AS mean
                                    FROM ratings GROUP BY movie_id) a ON a.movie_id = m2.id
       WHERE m.id = m2.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ratings_aggregate_delete ON ratings`);
    await queryRunner.query(`DROP TRIGGER ratings_aggregate_update ON ratings`);
    await queryRunner.query(`DROP TRIGGER ratings_aggregate_insert ON ratings`);
    await queryRunner.query(`DROP FUNCTION ratings_after_update()`);
    await queryRunner.query(`DROP FUNCTION ratings_apply_changed_rows()`);
    await queryRunner.query(
      `DROP FUNCTION apply_movie_rating_delta(integer, bigint, double precision)`,
    );
  }
}

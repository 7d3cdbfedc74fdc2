import { MigrationInterface, QueryRunner } from 'typeorm';

/** Chunk size the migration cuts stored artifacts into (the store writes the same size). */
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Model artifacts move from one bytea per version (capped by PostgreSQL's 1 GB value limit)
 * to `model_artifact_chunks`: pieces of a few MiB, each with its SHA-256, and the whole
 * artifact's SHA-256 and size on `model_versions`. Stored artifacts are cut into chunks here,
 * in SQL, so every stored version keeps loading. `artifact_bytes` becomes bigint for artifacts
 * past 2 GiB.
 */
export class ChunkModelArtifacts1795574401801 implements MigrationInterface {
  name = 'ChunkModelArtifacts1795574401801';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE model_artifact_chunks (
        version integer NOT NULL REFERENCES model_versions (version) ON DELETE CASCADE,
        seq integer NOT NULL CONSTRAINT model_artifact_chunks_seq_check CHECK (seq >= 0),
        bytes bytea NOT NULL,
        sha256 bytea NOT NULL CONSTRAINT model_artifact_chunks_sha256_check
          CHECK (octet_length(sha256) = 32),
        CONSTRAINT model_artifact_chunks_pkey PRIMARY KEY (version, seq)
      )`);
    // Artifacts are compact binary already: skip TOAST's compression attempt.
    await queryRunner.query(
      `ALTER TABLE model_artifact_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL`,
    );
    await queryRunner.query(`
      ALTER TABLE model_versions
        ALTER COLUMN artifact_bytes TYPE bigint,
        ADD COLUMN artifact_sha256 bytea CONSTRAINT model_versions_artifact_sha256_check
          CHECK (octet_length(artifact_sha256) = 32)`);
    await queryRunner.query(
      `INSERT INTO model_artifact_chunks (version, seq, bytes, sha256)
       SELECT a.version, s.seq, c.bytes, sha256(c.bytes)
         FROM model_artifacts a
        CROSS JOIN LATERAL generate_series(0, greatest((length(a.bytes) - 1) / $1, 0)) AS s (seq)
        CROSS JOIN LATERAL (SELECT substring(a.bytes FROM s.seq * $1 + 1 FOR $1) AS bytes) c`,
      [CHUNK_BYTES],
    );
    await queryRunner.query(
      `UPDATE model_versions v
          SET artifact_bytes = length(a.bytes), artifact_sha256 = sha256(a.bytes)
         FROM model_artifacts a
        WHERE a.version = v.version`,
    );
    await queryRunner.query(`DROP TABLE model_artifacts`);
  }

  /** Joins the chunks back into one bytea per version: fails for an artifact past 1 GB. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE model_artifacts (
        version integer PRIMARY KEY REFERENCES model_versions (version) ON DELETE CASCADE,
        bytes bytea NOT NULL
      )`);
    await queryRunner.query(`ALTER TABLE model_artifacts ALTER COLUMN bytes SET STORAGE EXTERNAL`);
    await queryRunner.query(
      `INSERT INTO model_artifacts (version, bytes)
       SELECT version, string_agg(bytes, ''::bytea ORDER BY seq)
         FROM model_artifact_chunks GROUP BY version`,
    );
    await queryRunner.query(`DROP TABLE model_artifact_chunks`);
    await queryRunner.query(`
      ALTER TABLE model_versions
        DROP COLUMN artifact_sha256,
        ALTER COLUMN artifact_bytes TYPE integer`);
  }
}

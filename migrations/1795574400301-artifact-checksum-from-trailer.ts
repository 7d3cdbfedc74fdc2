import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * model_versions.checksum becomes the CRC-32 the artifact's own trailer holds (its last four
 * bytes, little-endian) instead of a second CRC over the whole artifact, so loading verifies
 * one checksum. Stored versions keep loading after the upgrade.
 */
export class ArtifactChecksumFromTrailer1795574400301 implements MigrationInterface {
  name = 'ArtifactChecksumFromTrailer1795574400301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE model_versions v
          SET checksum = lpad(to_hex(
                (get_byte(a.bytes, length(a.bytes) - 1)::bigint << 24)
              | (get_byte(a.bytes, length(a.bytes) - 2)::bigint << 16)
              | (get_byte(a.bytes, length(a.bytes) - 3)::bigint << 8)
              |  get_byte(a.bytes, length(a.bytes) - 4)::bigint), 8, '0')
         FROM model_artifacts a
        WHERE a.version = v.version AND length(a.bytes) >= 4`,
    );
  }

  async down(): Promise<void> {
    // The whole-artifact CRC is not recomputed in SQL; a version with a mismatching checksum
    // is refused at load and the next training stores a fresh one.
  }
}

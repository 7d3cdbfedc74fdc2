import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PoolClient } from 'pg';

/** SHA-256 (hex) of each file, by file name. */
export type FileChecksums = Record<string, string>;

/** Hashes each named file of `dir`, streaming (about 1 GB/s: a second or so for ml-25m). */
export async function checksumFiles(dir: string, files: string[]): Promise<FileChecksums> {
  const checksums: FileChecksums = {};
  for (const file of [...files].sort()) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(join(dir, file), { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
    }
    checksums[file] = hash.digest('hex');
  }
  return checksums;
}

/** The latest catalog load, when it is a MovieLens import of exactly these files. */
export interface UnchangedLoad {
  loadId: number;
  loadedAt: Date;
}

/**
 * The latest load of the catalog (demo or MovieLens) when it read files with these very
 * checksums: importing them again could add nothing, since an import never deletes and the
 * latest load's titles are the ones stored. Null otherwise, or for loads recorded before
 * checksums were.
 */
export async function findUnchangedLoad(
  client: PoolClient,
  checksums: FileChecksums,
): Promise<UnchangedLoad | null> {
  const { rows } = await client.query<{ id: number; loaded_at: Date }>(
    `SELECT id, loaded_at FROM (
       SELECT id, loaded_at, source, checksums FROM dataset_loads
        ORDER BY loaded_at DESC, id DESC LIMIT 1) latest
      WHERE source = 'movielens' AND checksums = $1::jsonb`,
    [JSON.stringify(checksums)],
  );
  return rows[0] ? { loadId: rows[0].id, loadedAt: rows[0].loaded_at } : null;
}

import { createHash } from 'node:crypto';
import { MIGRATIONS } from '../migrations';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { decodeModel, encodeModel } from '../src/recommender';
import { RecommenderModel } from '../src/recommender/model';
import { resolveModelOptions } from '../src/recommender/model-options';
import {
  ARTIFACT_CHUNK_BYTES,
  ArtifactIntegrityError,
  ArtifactSummary,
  readArtifactChunks,
  writeArtifactChunks,
} from '../src/training/model-store/artifact-chunks';
import { createMigratedDatabase } from './support/migrated-database';
import { TestDatabase } from './support/test-database';

const MiB = 1024 * 1024;

/** A valid model whose content vectors make its artifact about `bytes` long. */
function modelOfSize(bytes: number): RecommenderModel {
  const items = 4;
  const dim = Math.floor(bytes / 4 / items);
  const values = new Float32Array(items * dim);
  for (let i = 0; i < values.length; i++) values[i] = (i % 1000) / 1000;
  return {
    params: { ...resolveModelOptions({}), algorithm: 'item-knn', easeLambda: 1000 },
    trainedAt: 1700000000,
    counts: { users: 2, items, interactions: 4 },
    itemIds: Int32Array.from([1, 2, 3, 4]),
    neighbours: {
      nRows: items,
      nCols: items,
      indptr: Int32Array.from([0, 1, 2, 2, 2]),
      indices: Int32Array.from([1, 0]),
      values: Float32Array.from([0.5, 0.5]),
    },
    popularity: Float32Array.from([3, 2, 1, 0]),
    content: { dim, values },
    genreBits: Uint32Array.from([1, 2, 3, 4]),
    genreNames: ['Drama'],
  };
}

/** The V8 collector, so a memory reading sees live bytes only (not chunks awaiting collection). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('chunked model artifacts in PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createMigratedDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function newVersion(): Promise<number> {
    const [row] = await database.query<{ version: number }>(
      `INSERT INTO model_versions (status) VALUES ('training') RETURNING version`,
    );
    return row.version;
  }

  async function store(artifact: Uint8Array, chunkBytes?: number): Promise<number> {
    const version = await newVersion();
    await database.query('BEGIN');
    const summary = await writeArtifactChunks(database, version, artifact, chunkBytes);
    await database.query(
      `UPDATE model_versions SET artifact_bytes = $2, artifact_sha256 = $3 WHERE version = $1`,
      [version, summary.bytes, summary.sha256],
    );
    await database.query('COMMIT');
    return version;
  }

  async function summaryOf(version: number): Promise<ArtifactSummary> {
    const [row] = await database.query<{ bytes: string; sha256: Buffer }>(
      `SELECT artifact_bytes AS bytes, artifact_sha256 AS sha256 FROM model_versions WHERE version = $1`,
      [version],
    );
    return { bytes: Number(row.bytes), sha256: row.sha256 };
  }

  it('stores a 320 MiB model in 4 MiB chunks and loads it into one buffer the model shares', async () => {
    const size = 320 * MiB;
    let artifact: Buffer | undefined = encodeModel(modelOfSize(size));
    const version = await store(artifact);
    const expectedSha = createHash('sha256').update(artifact).digest();
    const artifactBytes = artifact.length;
    artifact = undefined;

    const [chunks] = await database.query<{ n: number; largest: number; total: string }>(
      `SELECT count(*)::int AS n, max(octet_length(bytes)) AS largest, sum(octet_length(bytes)) AS total
         FROM model_artifact_chunks WHERE version = $1`,
      [version],
    );
    expect(chunks).toEqual({
      n: Math.ceil(artifactBytes / ARTIFACT_CHUNK_BYTES),
      largest: ARTIFACT_CHUNK_BYTES,
      total: String(artifactBytes),
    });
    const summary = await summaryOf(version);
    expect(summary).toEqual({ bytes: artifactBytes, sha256: expectedSha });

    // Sample live ArrayBuffer memory while the load streams: it holds the artifact once, plus
    // the pieces in flight, never a second whole copy.
    const gc = collector();
    gc();
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const sample = (): void => {
      gc();
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    };
    const sampler = setInterval(sample, 1000);
    const loaded = await readArtifactChunks(database.url, version, summary).finally(() =>
      clearInterval(sampler),
    );
    sample();
    expect(loaded.length).toBe(artifactBytes);
    expect(loaded.buffer.byteLength).toBe(artifactBytes);
    // A second copy would add another 320 MiB; the socket and stream buffers add a few MiB.
    expect(peak - before).toBeLessThan(artifactBytes + 64 * MiB);

    const model = decodeModel(loaded, { share: true });
    expect(model.content.values.buffer).toBe(loaded.buffer);
    expect(model.content.dim).toBe(Math.floor(size / 16));
    expect(model.content.values[1001]).toBeCloseTo(0.001, 6);
    expect(Array.from(model.itemIds)).toEqual([1, 2, 3, 4]);
  }, 60000);

  it('refuses a damaged chunk, a missing chunk, and a whole that does not match', async () => {
    const artifact = encodeModel(modelOfSize(64 * 1024));
    const chunkBytes = 16 * 1024;
    const reasons: string[] = [];
    const attempt = async (damage: (version: number) => Promise<unknown>): Promise<void> => {
      const version = await store(artifact, chunkBytes);
      const summary = await summaryOf(version);
      expect(await readArtifactChunks(database.url, version, summary)).toEqual(artifact);
      await damage(version);
      const error = await readArtifactChunks(database.url, version, summary).catch((e) => e);
      expect(error).toBeInstanceOf(ArtifactIntegrityError);
      reasons.push((error as Error).message);
    };
    await attempt((version) =>
      database.query(
        `UPDATE model_artifact_chunks SET bytes = set_byte(bytes, 7, get_byte(bytes, 7) # 255)
          WHERE version = $1 AND seq = 2`,
        [version],
      ),
    );
    await attempt((version) =>
      database.query(`DELETE FROM model_artifact_chunks WHERE version = $1 AND seq = 1`, [version]),
    );
    // Each chunk is consistent with its own checksum, but the whole is not the one recorded.
    await attempt((version) =>
      database.query(
        `UPDATE model_artifact_chunks SET bytes = set_byte(bytes, 0, 0), sha256 = sha256(set_byte(bytes, 0, 0))
          WHERE version = $1 AND seq = 3`,
        [version],
      ),
    );
    expect(reasons).toEqual([
      expect.stringMatching(/chunk 2 of version \d+ fails its checksum/),
      expect.stringMatching(/lacks chunk 1/),
      expect.stringMatching(/artifact of version \d+ fails its checksum/),
    ]);
  });

  it('moves an artifact stored as one bytea before the upgrade into chunks that load', async () => {
    const legacy = await createMigratedDatabase();
    const dataSource = new DataSource({
      ...buildDataSourceOptions({ url: legacy.url, poolSize: 1, statementTimeoutMs: 0 }),
      logging: false,
    });
    await dataSource.initialize();
    try {
      // Back to the schema before the chunks: every migration from theirs on is undone.
      const fromChunks =
        MIGRATIONS.length -
        MIGRATIONS.findIndex((m) => m.name === 'ChunkModelArtifacts1795574401801');
      for (let n = 0; n < fromChunks; n++) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      const artifact = encodeModel(modelOfSize(9 * MiB));
      const [{ version }] = await legacy.query<{ version: number }>(
        `INSERT INTO model_versions (status, artifact_bytes, checksum) VALUES ('ready', $1, 'x')
         RETURNING version`,
        [artifact.length],
      );
      await legacy.query(`INSERT INTO model_artifacts (version, bytes) VALUES ($1, $2)`, [
        version,
        artifact,
      ]);
      expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(fromChunks);

      const [row] = await legacy.query<{ bytes: string; sha256: Buffer; promotion: string }>(
        `SELECT artifact_bytes AS bytes, artifact_sha256 AS sha256, promotion
           FROM model_versions WHERE version = $1`,
        [version],
      );
      expect(row.promotion).toBe('1');
      const chunks = await legacy.query(
        'SELECT seq FROM model_artifact_chunks WHERE version = $1 ORDER BY seq',
        [version],
      );
      expect(chunks).toHaveLength(3);
      const loaded = await readArtifactChunks(legacy.url, version, {
        bytes: Number(row.bytes),
        sha256: row.sha256,
      });
      expect(loaded.equals(artifact)).toBe(true);
      expect(decodeModel(loaded, { share: true }).content.values[999]).toBeCloseTo(0.999, 6);

      // And back: the down migration joins the chunks into one bytea again.
      for (let n = 0; n < fromChunks; n++) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      const [back] = await legacy.query<{ bytes: Buffer }>(
        'SELECT bytes FROM model_artifacts WHERE version = $1',
        [version],
      );
      expect(back.bytes.equals(artifact)).toBe(true);
    } finally {
      await dataSource.destroy();
      await legacy.drop();
    }
  }, 60000);
});

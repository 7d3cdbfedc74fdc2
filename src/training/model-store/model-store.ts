import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { readArtifactChunks, writeArtifactChunks } from './artifact-chunks';
import { MODEL_CHANNEL } from './model-channel';
import { ModelVersion, ModelVersionStatus } from './model-version.entity';
import { StoredMetrics } from './stored-metrics';

export interface TrainedVersion {
  status: Extract<ModelVersionStatus, 'ready' | 'rejected'>;
  /** Make a ready version the serving one (false: stored beside it, for an experiment). */
  promote: boolean;
  algorithm: string;
  trainedAt: Date;
  params: Record<string, unknown>;
  metrics: StoredMetrics;
  counts: Record<string, number>;
  timings: Record<string, number>;
  checksum: string;
  artifact: Uint8Array;
  isDemo: boolean;
}

/**
 * Transaction-level advisory lock around every change of which version serves or keeps its
 * bytes (promotion, rollback, retention), so retention never deletes the bytes of a version a
 * concurrent rollback is making the serving one.
 */
const SERVING_LOCK_KEY = 727_002;

/** The serving version: the ready one with bytes that was promoted last. */
const SERVING_WHERE = `status = 'ready' AND promotion IS NOT NULL AND artifact_deleted_at IS NULL`;

/**
 * The versioned model store in PostgreSQL: `model_versions` rows and their artifacts in
 * `model_artifact_chunks`. A version becomes `ready` (and serving) in the same transaction that
 * writes its chunks and announces it, so no half-written version is ever marked good.
 */
@Injectable()
export class ModelStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a training that has started; its row stays `training` until completed or failed. */
  async start(params: Record<string, unknown>): Promise<number> {
    const repository = this.dataSource.getRepository(ModelVersion);
    const row = await repository.save(repository.create({ status: 'training', params }));
    return row.version;
  }

  /**
   * Stores the artifact in chunks and the version's facts; a `ready` version asked to be is
   * promoted (it serves from now on, also after a rollback). Then NOTIFYs, all in one
   * transaction.
   */
  async complete(version: number, trained: TrainedVersion): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const artifact = await writeArtifactChunks(manager, version, trained.artifact);
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SERVING_LOCK_KEY]);
      await manager.query(
        `UPDATE model_versions SET status = $2, algorithm = $3, trained_at = $4, params = $5,
           metrics = $6, counts = $7, timings = $8, checksum = $9, artifact_bytes = $10,
           is_demo = $11, artifact_sha256 = $12,
           promotion = CASE WHEN $2 = 'ready' AND $13 THEN nextval('model_versions_promotion_seq') END
         WHERE version = $1`,
        [
          version,
          trained.status,
          trained.algorithm,
          trained.trainedAt,
          JSON.stringify(trained.params),
          JSON.stringify(trained.metrics),
          JSON.stringify(trained.counts),
          JSON.stringify(trained.timings),
          trained.checksum,
          artifact.bytes,
          trained.isDemo,
          artifact.sha256,
          trained.promote,
        ],
      );
      await this.announce(manager, version);
    });
  }

  async fail(version: number, error: string): Promise<void> {
    await this.dataSource
      .getRepository(ModelVersion)
      .update({ version }, { status: 'failed', error: error.slice(0, 2000) });
  }

  /**
   * Marks `training` rows as failed: called while holding the training lock, so any such row
   * belongs to a training whose process died.
   */
  async failAbandoned(): Promise<number> {
    const result = await this.dataSource
      .getRepository(ModelVersion)
      .update(
        { status: 'training' },
        { status: 'failed', error: 'abandoned: the training process stopped' },
      );
    return result.affected ?? 0;
  }

  /** The version every server should serve: the ready one with bytes promoted last. */
  findServing(manager: EntityManager = this.dataSource.manager): Promise<ModelVersion | null> {
    return manager
      .getRepository(ModelVersion)
      .createQueryBuilder('v')
      .where(SERVING_WHERE)
      .orderBy('v.promotion', 'DESC')
      .limit(1)
      .getOne();
  }

  /** The newest version of any status (the last training's outcome). */
  findNewest(): Promise<ModelVersion | null> {
    return this.dataSource
      .getRepository(ModelVersion)
      .findOne({ where: {}, order: { version: 'DESC' } });
  }

  /** One page of every version, newest first. */
  findPage(offset: number, limit: number): Promise<[ModelVersion[], number]> {
    return this.dataSource
      .getRepository(ModelVersion)
      .findAndCount({ order: { version: 'DESC' }, skip: offset, take: limit });
  }

  /** Runs `work` in a transaction holding the serving lock (see SERVING_LOCK_KEY). */
  withServingLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SERVING_LOCK_KEY]);
      return work(manager);
    });
  }

  findOne(manager: EntityManager, version: number): Promise<ModelVersion | null> {
    return manager.getRepository(ModelVersion).findOne({ where: { version } });
  }

  /** The rows of `versions` that exist, in no particular order. */
  findVersions(
    versions: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ModelVersion[]> {
    if (versions.length === 0) return Promise.resolve([]);
    return manager.getRepository(ModelVersion).findBy({ version: In([...versions]) });
  }

  /**
   * The versions a running experiment serves (experiments/ owns those tables; read here so that
   * retention, under the serving lock, keeps their bytes: starting an experiment takes the same
   * lock). Call inside withServingLock.
   */
  async findExperimentVersions(manager: EntityManager): Promise<number[]> {
    const rows: { version: number }[] = await manager.query(
      `SELECT DISTINCT v.model_version AS version
         FROM experiment_variants v JOIN experiments e ON e.id = v.experiment_id
        WHERE e.stopped_at IS NULL`,
    );
    return rows.map((row) => row.version);
  }

  /** Makes `version` the serving one and announces it; call inside withServingLock. */
  async promote(manager: EntityManager, version: number): Promise<void> {
    await manager.query(
      `UPDATE model_versions SET promotion = nextval('model_versions_promotion_seq')
        WHERE version = $1`,
      [version],
    );
    await this.announce(manager, version);
  }

  /** Every version, newest first, for retention to choose from: call inside withServingLock. */
  findAll(manager: EntityManager): Promise<ModelVersion[]> {
    return manager.getRepository(ModelVersion).find({ order: { version: 'DESC' } });
  }

  /** Deletes the chunks of `versions` and records when; the rows stay. */
  async deleteArtifacts(manager: EntityManager, versions: number[]): Promise<void> {
    if (versions.length === 0) return;
    await manager.query(`DELETE FROM model_artifact_chunks WHERE version = ANY($1)`, [versions]);
    await manager.query(
      `UPDATE model_versions SET artifact_deleted_at = now() WHERE version = ANY($1)`,
      [versions],
    );
  }

  /**
   * The artifact of a version, read chunk by chunk into one buffer; null when it has none (never
   * stored, or deleted by retention). Throws ArtifactIntegrityError for damaged bytes.
   */
  async readArtifact(version: ModelVersion): Promise<Buffer | null> {
    if (
      version.artifactSha256 === null ||
      version.artifactBytes === null ||
      version.artifactDeletedAt !== null
    ) {
      return null;
    }
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('reading an artifact needs the database URL of the data source');
    return readArtifactChunks(url, version.version, {
      bytes: version.artifactBytes,
      sha256: version.artifactSha256,
    });
  }

  private async announce(manager: EntityManager, version: number): Promise<void> {
    await manager.query(`SELECT pg_notify($1, $2)`, [MODEL_CHANNEL, String(version)]);
  }
}

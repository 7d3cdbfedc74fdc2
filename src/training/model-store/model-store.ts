import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ModelArtifact } from './model-artifact.entity';
import { MODEL_CHANNEL } from './model-channel';
import { ModelVersion, ModelVersionStatus } from './model-version.entity';
import { StoredMetrics } from './stored-metrics';

export interface TrainedVersion {
  status: Extract<ModelVersionStatus, 'ready' | 'rejected'>;
  algorithm: string;
  trainedAt: Date;
  params: Record<string, unknown>;
  metrics: StoredMetrics;
  counts: Record<string, number>;
  timings: Record<string, number>;
  checksum: string;
  artifact: Buffer;
  isDemo: boolean;
}

/**
 * The versioned model store in PostgreSQL: `model_versions` rows and their artifact bytes.
 * A version becomes `ready` in the same transaction that writes its bytes and announces it, so
 * no half-written version is ever marked good.
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

  /** Stores the artifact and the version's facts, then NOTIFYs, all in one transaction. */
  async complete(version: number, trained: TrainedVersion): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ModelArtifact, { version, bytes: trained.artifact });
      await manager.query(
        `UPDATE model_versions SET status = $2, algorithm = $3, trained_at = $4, params = $5,
           metrics = $6, counts = $7, timings = $8, checksum = $9, artifact_bytes = $10, is_demo = $11
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
          trained.artifact.length,
          trained.isDemo,
        ],
      );
      await manager.query(`SELECT pg_notify($1, $2)`, [MODEL_CHANNEL, String(version)]);
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

  /** The newest `ready` version: the one every server should serve. */
  findNewestReady(): Promise<ModelVersion | null> {
    return this.dataSource
      .getRepository(ModelVersion)
      .findOne({ where: { status: 'ready' }, order: { version: 'DESC' } });
  }

  /** The newest version of any status (the last training's outcome). */
  findNewest(): Promise<ModelVersion | null> {
    return this.dataSource
      .getRepository(ModelVersion)
      .findOne({ where: {}, order: { version: 'DESC' } });
  }

  async readArtifact(version: number): Promise<Buffer | null> {
    const row = await this.dataSource.getRepository(ModelArtifact).findOne({ where: { version } });
    return row?.bytes ?? null;
  }
}

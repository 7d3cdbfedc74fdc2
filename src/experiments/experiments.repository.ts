import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError } from '../common/errors/app-error';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../common/errors/pg-error';
import { Experiment, ExperimentVariant } from './experiment';

interface ExperimentRow {
  id: number;
  name: string;
  startedAt: Date;
  stoppedAt: Date | null;
  variants: ExperimentVariant[];
}

/** An experiment with its variants in order, as one row. */
const SELECT_EXPERIMENTS = `
  SELECT e.id, e.name, e.started_at AS "startedAt", e.stopped_at AS "stoppedAt",
         (SELECT json_agg(json_build_object('name', v.name, 'modelVersion', v.model_version,
                                            'share', v.share) ORDER BY v.position)
            FROM experiment_variants v WHERE v.experiment_id = e.id) AS variants
    FROM experiments e`;

/**
 * Every query on `experiments` and `experiment_variants`. Changes are announced on the
 * `experiments` channel by a trigger (migration 1795574402001), at commit.
 */
@Injectable()
export class ExperimentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The running experiment, if any: at most one runs (a unique index holds it). */
  async findRunning(manager: EntityManager = this.dataSource.manager): Promise<Experiment | null> {
    const rows: ExperimentRow[] = await manager.query(
      `${SELECT_EXPERIMENTS} WHERE e.stopped_at IS NULL`,
    );
    return rows[0] ?? null;
  }

  async findById(id: number): Promise<Experiment | null> {
    const rows: ExperimentRow[] = await this.dataSource.query(
      `${SELECT_EXPERIMENTS} WHERE e.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The `limit` most recently started experiments, newest first. */
  findRecent(limit: number): Promise<Experiment[]> {
    return this.dataSource.query(`${SELECT_EXPERIMENTS} ORDER BY e.id DESC LIMIT $1`, [limit]);
  }

  /**
   * Starts an experiment with its variants, inside the caller's transaction. The unique index
   * on the running experiment answers a concurrent start with a ConflictError.
   */
  async insert(
    manager: EntityManager,
    name: string,
    variants: readonly ExperimentVariant[],
  ): Promise<Experiment> {
    try {
      const [{ id }]: { id: number }[] = await manager.query(
        `INSERT INTO experiments (name) VALUES ($1) RETURNING id`,
        [name],
      );
      await manager.query(
        `INSERT INTO experiment_variants (experiment_id, position, name, model_version, share)
         SELECT $1, v.position - 1, v.name, v.model_version, v.share
           FROM unnest($2::text[], $3::int[], $4::float8[]) WITH ORDINALITY
                AS v (name, model_version, share, position)`,
        [
          id,
          variants.map((v) => v.name),
          variants.map((v) => v.modelVersion),
          variants.map((v) => v.share),
        ],
      );
      return (await this.findRunning(manager))!;
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new ConflictError('Another experiment is running: stop it before starting one');
      }
      throw error;
    }
  }

  /** Stops the experiment if it runs; false when there is no such experiment. */
  async stop(id: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH stopped AS (
         UPDATE experiments SET stopped_at = coalesce(stopped_at, clock_timestamp())
          WHERE id = $1 RETURNING 1)
       SELECT 1 FROM stopped`,
      [id],
    );
    return rows.length > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { TRAINING_LOCK_KEY } from './training-lock-key';

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * A session advisory lock on a dedicated connection: held for the whole training, released
 * explicitly, and released by PostgreSQL if the process dies (the connection closes).
 */
@Injectable()
export class TrainingLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The lock, or undefined when another process (or this one) is training. */
  async tryAcquire(): Promise<HeldLock | undefined> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [
        TRAINING_LOCK_KEY,
      ]);
      if (!row?.locked) {
        await runner.release();
        return undefined;
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    return {
      release: async () => {
        try {
          await runner.query(`SELECT pg_advisory_unlock($1)`, [TRAINING_LOCK_KEY]);
        } finally {
          await runner.release();
        }
      },
    };
  }

  /** True while some process holds the lock. */
  async isHeld(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`,
      [TRAINING_LOCK_KEY],
    );
    return row.n > 0;
  }
}

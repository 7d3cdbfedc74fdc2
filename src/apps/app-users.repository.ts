import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Rounds of lockIds' insert and locking read before a user erased in between is left out. */
const LOCK_ROUNDS = 3;

/** The users of apps (users.app_user_id, migration 1795574401603): every query on them. */
@Injectable()
export class AppUsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user id of an app's user, or null before its first feedback. */
  async findId(appUserId: string): Promise<number | null> {
    const rows: { id: number }[] = await this.dataSource.query(
      `SELECT id FROM users WHERE app_user_id = $1`,
      [appUserId],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The user ids of these app users, creating the missing ones. Most batches name users already
   * made, so the ids are read first and only the missing users are inserted: an INSERT of every
   * id with ON CONFLICT DO NOTHING cost 20-35 ms for a batch of 1,000 known users (a speculative
   * insert and a new email per row), the SELECT 3 ms. ON CONFLICT still makes concurrent first
   * feedback for one id end in one user: the loser waits for the winner's commit, and the
   * second SELECT, a new statement, sees its row. The email is a reserved, unguessable
   * placeholder (the column is NOT NULL and unique); with no password nobody logs in as it.
   */
  async ensureIds(appUserIds: readonly string[]): Promise<Map<string, number>> {
    const ids = [...new Set(appUserIds)];
    const found = await this.idsOf(ids, this.dataSource);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length === 0) return found;
    await this.insert(missing, this.dataSource);
    for (const [appUserId, id] of await this.idsOf(missing, this.dataSource)) {
      found.set(appUserId, id);
    }
    return found;
  }

  /**
   * As ensureIds, in the caller's transaction, with each row locked FOR KEY SHARE until it ends:
   * the lock the inserts' foreign-key checks would take, taken before them. An erasure of one of
   * these users (its DELETE) then waits for the commit and erases what the transaction stored
   * too; or, had it deleted the row first, the locking read skips the row once the erasure
   * commits, and the user is made again as at its first feedback. A user still missing after
   * the insert was made by another transaction and erased between the two statements: the insert
   * and the read are tried again, LOCK_ROUNDS times in all; a user still missing then (each round
   * needs a whole new creation and erasure of it in that gap) is left out of the map.
   */
  async lockIds(
    appUserIds: readonly string[],
    manager: EntityManager,
  ): Promise<Map<string, number>> {
    const ids = [...new Set(appUserIds)];
    const locked = await this.idsOf(ids, manager, true);
    let missing = ids.filter((id) => !locked.has(id));
    for (let round = 0; round < LOCK_ROUNDS && missing.length > 0; round++) {
      await this.insert(missing, manager);
      for (const [appUserId, id] of await this.idsOf(missing, manager, true)) {
        locked.set(appUserId, id);
      }
      missing = missing.filter((id) => !locked.has(id));
    }
    return locked;
  }

  private async insert(appUserIds: string[], runner: EntityManager | DataSource): Promise<void> {
    await runner.query(
      `INSERT INTO users (email, app_user_id)
       SELECT 'app-user-' || gen_random_uuid() || '@users.invalid', t.id
         FROM unnest($1::text[]) AS t(id) ORDER BY t.id
       ON CONFLICT (app_user_id) DO NOTHING`,
      [appUserIds],
    );
  }

  private async idsOf(
    appUserIds: string[],
    runner: EntityManager | DataSource,
    lock = false,
  ): Promise<Map<string, number>> {
    if (appUserIds.length === 0) return new Map();
    const rows: { appUserId: string; id: number }[] = await runner.query(
      `SELECT app_user_id AS "appUserId", id FROM users WHERE app_user_id = ANY($1::text[])` +
        (lock ? ' FOR KEY SHARE' : ''),
      [appUserIds],
    );
    return new Map(rows.map((row) => [row.appUserId, row.id]));
  }

  /** Deletes an app user with everything of theirs (the foreign keys cascade). */
  async delete(appUserId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM users WHERE app_user_id = $1 RETURNING id) SELECT id FROM gone`,
      [appUserId],
    );
    return rows.length > 0;
  }

  /** Runs `work` in one transaction (opened by the service, per the house style). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

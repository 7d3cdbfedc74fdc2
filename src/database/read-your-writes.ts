import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { ReadReplicas } from './read-replicas';
import { RecentWrites } from './recent-writes';

/**
 * Read-your-writes for a user's own data (ratings, watches, dismissals): reads of it go to a
 * replica, except for `freshnessWindowMs` after this process stored a write of that user,
 * when they go to the primary. Past the window every replica still in use has replayed the
 * write (ReadReplicas.freshnessWindowMs says why), so the user's next read shows it whichever
 * database answers.
 *
 * Why a window on this process and not LSN comparison: the window needs nothing from the
 * client and no query (an LSN would have to travel with the user, in a header or token our
 * clients do not send), and it sends a user's reads to the primary only for a few seconds after
 * their own writes. The cost: another process does not know of the write. Behind a load
 * balancer that spreads one user's requests over several processes, the read that follows a
 * write on another process may miss it for up to the replicas' lag (REPLICA_MAX_LAG_MS); route
 * by user (sticky sessions, or hash of the token or app user id) to keep the guarantee there.
 */
@Injectable()
export class ReadYourWrites {
  private readonly users: RecentWrites<number>;

  constructor(private readonly replicas: ReadReplicas) {
    this.users = replicas.recentWrites<number>();
  }

  /** Call once a write of the user's data has committed. */
  wrote(userId: number): void {
    this.users.wrote(userId);
  }

  /** Runs a read of the user's own data (see the class comment for where it goes). */
  readOfUser<T>(userId: number, work: (db: Pool) => Promise<T>): Promise<T> {
    return this.replicas.read(this.users.isRecent(userId) ? 'primary' : 'replica', work);
  }
}

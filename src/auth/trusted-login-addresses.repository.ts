import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The client addresses each account logged in from successfully (table
 * trusted_login_addresses), with the time of the last such login.
 */
@Injectable()
export class TrustedLoginAddressesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the account of this email logged in from `address` within the last `days`. */
  async isTrusted(email: string, address: string, days: number): Promise<boolean> {
    const [row]: { trusted: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM trusted_login_addresses t JOIN users u ON u.id = t.user_id
          WHERE lower(u.email) = lower($1) AND t.address = $2
            AND t.last_login_at > now() - make_interval(days => $3)
       ) AS trusted`,
      [email, address, days],
    );
    return row.trusted;
  }

  /** Records a successful login, and forgets this account's addresses unused for `days`. */
  async trust(userId: number, address: string, days: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trusted_login_addresses (user_id, address, last_login_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id, address) DO UPDATE SET last_login_at = now()`,
      [userId, address],
    );
    await this.dataSource.query(
      `DELETE FROM trusted_login_addresses
        WHERE user_id = $1 AND last_login_at <= now() - make_interval(days => $2)`,
      [userId, days],
    );
  }

  /** Forgets every address of the account (its password was set by someone else). */
  async forgetAll(userId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('DELETE FROM trusted_login_addresses WHERE user_id = $1', [userId]);
  }
}

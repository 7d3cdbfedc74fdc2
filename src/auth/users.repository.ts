import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ConflictError } from '../common/errors/app-error';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../common/errors/pg-error';
import { User } from './user.entity';

export interface Credentials {
  id: number;
  passwordHash: string | null;
}

export type AdminUpsert =
  { outcome: 'created' | 'promoted'; userId: number } | { outcome: 'unchanged' };

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** Emails are unique case-insensitively (users_email_lower_key): a taken one is a ConflictError. */
  async create(email: string, passwordHash: string, displayName: string | null): Promise<User> {
    try {
      return await this.users.save(this.users.create({ email, passwordHash, displayName }));
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION)
        throw new ConflictError('This email is already registered');
      throw error;
    }
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  async findCredentialsByEmail(email: string): Promise<Credentials | null> {
    const rows: Credentials[] = await this.users.query(
      'SELECT id, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)',
      [email],
    );
    return rows[0] ?? null;
  }

  async findPasswordHash(id: number): Promise<string | null> {
    const rows: { passwordHash: string | null }[] = await this.users.query(
      'SELECT password_hash AS "passwordHash" FROM users WHERE id = $1',
      [id],
    );
    return rows[0]?.passwordHash ?? null;
  }

  async setPasswordHash(id: number, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
      id,
      passwordHash,
    ]);
  }

  /** Runs `work` in one transaction (opened by the service, per the house style). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.users.manager.transaction(work);
  }

  /**
   * Creates the admin, or promotes the existing account of that email and sets its password;
   * an account that is already admin is left as it is. One statement, race-free. The row an
   * INSERT ... ON CONFLICT wrote has xmax 0 when it inserted it, the updater's id when it updated.
   */
  async upsertAdmin(
    email: string,
    passwordHash: string,
    manager: EntityManager = this.users.manager,
  ): Promise<AdminUpsert> {
    const rows: { id: number; inserted: boolean }[] = await manager.query(
      `INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'admin')
       ON CONFLICT ((lower(email))) DO UPDATE
         SET role = 'admin', password_hash = EXCLUDED.password_hash, updated_at = now()
         WHERE users.role <> 'admin'
       RETURNING id, xmax = 0 AS inserted`,
      [email, passwordHash],
    );
    const [row] = rows;
    if (!row) return { outcome: 'unchanged' };
    return { outcome: row.inserted ? 'created' : 'promoted', userId: row.id };
  }

  /** Deletes the account; its ratings, history and refresh tokens go by ON DELETE CASCADE. */
  async delete(id: number): Promise<boolean> {
    const result = await this.users.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

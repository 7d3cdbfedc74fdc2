import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigError } from '../config/app-config';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { SessionsRepository } from './sessions.repository';
import { TrustedLoginAddressesRepository } from './trusted-login-addresses.repository';
import { UsersRepository } from './users.repository';

/**
 * Creates the admin named by ADMIN_EMAIL/ADMIN_PASSWORD at start-up. An existing account of
 * that email that is not admin yet may belong to whoever registered it first, so promoting it
 * also sets ADMIN_PASSWORD, ends its sessions and forgets its trusted login addresses, in one
 * transaction, and says so at warn. An account that is already admin is left alone (its
 * password may have been changed since).
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly trustedAddresses: TrustedLoginAddressesRepository,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordPolicy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.admin;
    if (!admin) return;
    // Refused, not warned about: the admin is the account most worth guessing, and a warning in
    // a start-up log is easy to miss while the weak password goes on working.
    const problem = this.passwords.problem('ADMIN_PASSWORD', admin.password, [admin.email]);
    if (problem) throw new ConfigError(`Invalid configuration:\n  ${problem}`);
    const passwordHash = await this.hasher.hash(admin.password);
    const result = await this.dataSource.transaction(async (manager) => {
      const upsert = await this.users.upsertAdmin(admin.email, passwordHash, manager);
      if (upsert.outcome === 'promoted') {
        // Ends its access and refresh tokens at once (both name the session).
        await this.sessions.revokeAllOfUser(upsert.userId, null, manager);
        await this.trustedAddresses.forgetAll(upsert.userId, manager);
      }
      return upsert;
    });
    if (result.outcome === 'promoted') {
      this.logger.warn(
        'existing account promoted to admin: its password is now ADMIN_PASSWORD and its ' +
          'sessions are ended; if you did not register it yourself, someone else did',
        { email: admin.email, userId: result.userId },
      );
    } else {
      this.logger.log('admin ensured', { email: admin.email, outcome: result.outcome });
    }
  }
}

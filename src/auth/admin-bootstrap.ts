import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ConfigError } from '../config/app-config';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { UsersRepository } from './users.repository';

/**
 * Creates the admin named by ADMIN_EMAIL/ADMIN_PASSWORD at start-up, or promotes the existing
 * account of that email (its password is left as it is).
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
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
    await this.users.upsertAdmin(admin.email, await this.hasher.hash(admin.password));
    this.logger.log('admin ensured', { email: admin.email });
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PasswordHasher } from './password-hasher';
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.admin;
    if (!admin) return;
    await this.users.upsertAdmin(admin.email, await this.hasher.hash(admin.password));
    this.logger.log('admin ensured', { email: admin.email });
  }
}

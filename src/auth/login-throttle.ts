import { Inject, Injectable } from '@nestjs/common';
import { TooManyAttemptsError } from '../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LoginThrottleRepository } from './login-throttle.repository';

/**
 * Failed logins per account (tight) and per client address (loose), limits from
 * config.auth.loginThrottle. A success clears the account's counter, not the address's.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counters: LoginThrottleRepository,
  ) {}

  /** Throws TooManyAttemptsError (429, Retry-After) when either counter is at its limit. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const { perAccount, perAddress, windowSeconds } = this.config.auth.loginThrottle;
    const keys = this.keys(email, address);
    const states = await this.counters.current([keys.account, keys.address], windowSeconds);
    const limits: [string, number][] = [
      [keys.account, perAccount],
      [keys.address, perAddress],
    ];
    for (const [key, limit] of limits) {
      const state = states.get(key);
      if (state && state.failures >= limit) {
        throw new TooManyAttemptsError(
          'Too many failed logins; wait before trying again',
          Math.max(1, state.retryAfterSeconds),
        );
      }
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await this.counters.recordFailure(
      [keys.account, keys.address],
      this.config.auth.loginThrottle.windowSeconds,
    );
  }

  async recordSuccess(email: string): Promise<void> {
    await this.counters.clear(this.keys(email, '').account);
  }

  private keys(email: string, address: string): { account: string; address: string } {
    return { account: `account:${email.trim().toLowerCase()}`, address: `address:${address}` };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { TooManyAttemptsError } from '../common/errors/app-error';
import { clientAddressKey } from '../common/http/client-address';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CounterLimit, CounterState, LoginThrottleRepository } from './login-throttle.repository';
import { TrustedLoginAddressesRepository } from './trusted-login-addresses.repository';

/** A login attempt that was counted and allowed to check its password. */
export interface CountedLogin {
  /** The client address key (IPv6: its /64). */
  address: string;
  counters: CounterState[];
}

/**
 * Failed-login throttling: the variant of OWASP's "device cookies" that uses the client
 * address (IPv6: its /64) in place of a cookie. Each attempt is counted, before its password
 * is checked, on two counters:
 * - its address's, over every account (LOGIN_MAX_FAILURES_PER_ADDRESS): password spraying;
 * - the account's: an address the account logged in from successfully within
 *   LOGIN_TRUSTED_ADDRESS_DAYS has a counter of its own for it, every other address shares
 *   the account's common one (LOGIN_MAX_FAILURES_PER_ACCOUNT each). Guessing from anywhere
 *   locks the common counter, never the owner's usual addresses.
 * A window whose limit was reached makes the next one twice as long (LoginThrottleRepository).
 * A successful login takes its attempt back and trusts its address.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counters: LoginThrottleRepository,
    private readonly trustedAddresses: TrustedLoginAddressesRepository,
  ) {}

  /** Counts the attempt; throws TooManyAttemptsError (429, Retry-After) past a limit. */
  async count(email: string, ip: string | undefined): Promise<CountedLogin> {
    const settings = this.config.auth.loginThrottle;
    const account = email.trim().toLowerCase();
    const address = clientAddressKey(ip);
    const trusted =
      settings.trustedAddressDays > 0 &&
      (await this.trustedAddresses.isTrusted(account, address, settings.trustedAddressDays));
    // Always the address first: callers lock rows in one order (see LoginThrottleRepository).
    const limits: CounterLimit[] = [
      { key: `address:${address}`, maxFailures: settings.perAddress },
      {
        key: trusted ? `account:${account} address:${address}` : `account:${account}`,
        maxFailures: settings.perAccount,
      },
    ];
    const counters = await this.counters.count(limits, settings);
    await this.counters.prune(settings.maxWindowSeconds);
    const maxFailures = new Map(limits.map((limit) => [limit.key, limit.maxFailures]));
    const over = counters.filter(
      (counter) => counter.failures > (maxFailures.get(counter.key) ?? 0),
    );
    if (over.length > 0) {
      throw new TooManyAttemptsError(
        'Too many failed logins; try again after the number of seconds in Retry-After',
        Math.max(1, ...over.map((counter) => counter.retryAfterSeconds)),
      );
    }
    return { address, counters };
  }

  /** The password was right: the attempt was no failure, and its address is now trusted. */
  async succeeded(login: CountedLogin, userId: number): Promise<void> {
    await this.counters.refund(login.counters);
    const days = this.config.auth.loginThrottle.trustedAddressDays;
    if (days > 0) await this.trustedAddresses.trust(userId, login.address, days);
  }
}

import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '../common/errors/error-message';
import { NotificationListener } from './notification-listener';

/**
 * In-memory state of this process that follows what the database says (the serving model, the
 * running experiment). `follow()` brings it up to date; it runs at start-up (before the server
 * listens), on every NOTIFY on the channel, when the LISTEN connection comes back (notifications
 * may have been missed), and every `pollSeconds` as the safety net. Runs are serialised; a
 * failed run is logged with `failureMessage` and the next one tries again.
 */
export abstract class DatabaseFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private pollTimer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> = Promise.resolve();

  protected constructor(
    private readonly notifications: NotificationListener,
    private readonly channel: string,
    private readonly pollSeconds: number,
    private readonly failureMessage: string,
  ) {}

  /** Brings the state up to date; throws to be retried at the next run. */
  protected abstract follow(): Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
    // A change made while we were not listening is caught when the channel comes up, rather
    // than at the next poll.
    void this.notifications.subscribe(this.channel, {
      notified: () => void this.sync(),
      connectionChanged: (live) => live && void this.sync(),
    });
    this.pollTimer = setInterval(() => void this.sync(), this.pollSeconds * 1000);
    this.pollTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.syncing;
  }

  /** Runs `follow` after any run in progress; never rejects. */
  sync(): Promise<void> {
    this.syncing = this.syncing
      .then(() => this.follow())
      .catch((error: unknown) => {
        this.logger.warn(this.failureMessage, { reason: errorMessage(error) });
      });
    return this.syncing;
  }
}

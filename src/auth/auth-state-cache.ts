import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FillGuard } from '../common/cache/fill-guard';
import { AppMetrics } from '../common/metrics/app-metrics';
import { NotificationListener } from '../database/notification-listener';
import { AUTH_STATE_CHANNEL } from './auth-state-channel';
import { AuthUser } from './auth-user';
import { SessionsRepository } from './sessions.repository';

/** Sessions remembered at most; the oldest looked-up is forgotten first past it. */
export const AUTH_STATE_CAPACITY = 100_000;

interface AuthStateNotice {
  sessionId?: unknown;
  userId?: unknown;
}

/**
 * Who each session's bearer tokens stand for, in memory, so the bearer check costs no round
 * trip: filled from the database on a session's first use, and kept exact by the triggers'
 * NOTIFYs on AUTH_STATE_CHANNEL (a session ended or deleted, a user's role changed, which the
 * user's deletion implies through the cascade). A notice forgets what it names; a fill that a
 * notice overtook is not kept (FillGuard), and while the LISTEN connection is down
 * nothing is kept or trusted: every check goes to the database, as it did before this cache.
 *
 * Ended sessions are remembered as ended (null): a session never reopens, so that answer
 * cannot go stale, and a replayed token of an ended session costs no query either.
 *
 * The delay between a commit elsewhere and this process forgetting is the NOTIFY's delivery
 * (about a millisecond on one host); this process's own revocations are forgotten before
 * their response is sent (forgetSession / forgetUser).
 */
@Injectable()
export class AuthStateCache implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthStateCache.name);
  private readonly sessions = new Map<string, AuthUser | null>();
  /** Whether a fill may be kept: not when a notice or a local revocation overtook it. */
  private readonly guard = new FillGuard<string>();

  constructor(
    private readonly repository: SessionsRepository,
    private readonly listener: NotificationListener,
    metrics: AppMetrics,
  ) {
    metrics.registerCacheSize('auth_sessions', () => this.sessions.size);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.subscribe(AUTH_STATE_CHANNEL, {
      notified: (payload) => this.noticed(payload),
      connectionChanged: (live) => {
        this.sessions.clear();
        this.guard.trusted = live;
      },
    });
  }

  /** The live session's user, or null when the session ended or is not the user's. */
  async find(sessionId: string, userId: number): Promise<AuthUser | null> {
    const known = this.sessions.get(sessionId);
    if (known !== undefined) return known && known.id === userId ? known : null;
    const startedAt = this.guard.started();
    const found = await this.repository.findAuthUser(sessionId, userId);
    // Claims are signed by us, so a session that is not found with its subject has ended.
    if (this.guard.keeps(startedAt, sessionId)) {
      this.remember(sessionId, found && Object.freeze(found));
    }
    return found;
  }

  /** Forgets a session this process just ended, before the NOTIFY arrives. */
  forgetSession(sessionId: string): void {
    this.guard.overtake(sessionId);
    this.sessions.delete(sessionId);
  }

  /** Forgets every session of a user whose sessions or role this process just changed. */
  forgetUser(userId: number): void {
    // A fill in flight of any session may be one of this user's.
    this.guard.overtakeAll();
    for (const [sessionId, user] of this.sessions) {
      if (user?.id === userId) this.sessions.delete(sessionId);
    }
  }

  private remember(sessionId: string, user: AuthUser | null): void {
    if (this.sessions.size >= AUTH_STATE_CAPACITY) {
      this.sessions.delete(this.sessions.keys().next().value as string);
    }
    this.sessions.set(sessionId, user);
  }

  private noticed(payload: string): void {
    let notice: AuthStateNotice;
    try {
      notice = JSON.parse(payload) as AuthStateNotice;
    } catch {
      this.logger.warn('unreadable auth notice; forgetting every session', { payload });
      this.forgetAll();
      return;
    }
    if (typeof notice.sessionId === 'string') this.forgetSession(notice.sessionId);
    else if (typeof notice.userId === 'number') this.forgetUser(notice.userId);
    else this.forgetAll();
  }

  private forgetAll(): void {
    this.guard.overtakeAll();
    this.sessions.clear();
  }
}

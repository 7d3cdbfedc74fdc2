import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { errorMessage } from '../common/errors/error-message';

/** What a subscriber to a channel is told. */
export interface ChannelSubscriber {
  /** A NOTIFY on the channel, with its payload. */
  notified(payload: string): void;
  /**
   * The connection came up (`live`) or went down (not live). Either way notifications may have
   * been missed, so whatever was derived from the database before may be stale; while not live
   * nothing will announce changes at all.
   */
  connectionChanged(live: boolean): void;
}

/** Delay before reconnecting after the LISTEN connection drops or fails to open. */
const RECONNECT_DELAY_MS = 2000;

/**
 * The one LISTEN connection of this process: a dedicated client (not from the pool, which
 * would hand it back) that LISTENs on every subscribed channel and reconnects when it drops.
 * In-memory state kept exact by NOTIFY (the serving model, auth state, the catalog) subscribes
 * here and stops trusting itself whenever `live` is false.
 */
@Injectable()
export class NotificationListener implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationListener.name);
  private readonly subscribers = new Map<string, ChannelSubscriber[]>();
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private isLive = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True while the connection LISTENs on every subscribed channel. */
  get live(): boolean {
    return this.isLive;
  }

  /**
   * Subscribes to a channel and opens the connection if it is not open yet (a channel added
   * to an open connection is LISTENed on at once). Resolves once the attempt has ended: the
   * caller need not wait for it to serve, since subscribers are told when the connection is live.
   */
  async subscribe(channel: string, subscriber: ChannelSubscriber): Promise<void> {
    const list = this.subscribers.get(channel) ?? [];
    const isNewChannel = list.length === 0;
    this.subscribers.set(channel, [...list, subscriber]);
    if (this.client && this.isLive) {
      if (isNewChannel) await this.client.query(`LISTEN ${quoteChannel(channel)}`);
      subscriber.connectionChanged(true);
      return;
    }
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connecting;
    await this.client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    if (this.stopped || this.client) return;
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({
      connectionString: url,
      application_name: 'movie-recommender-listen',
    });
    client.on('notification', (message) => {
      for (const subscriber of this.subscribers.get(message.channel) ?? []) {
        subscriber.notified(message.payload ?? '');
      }
    });
    client.on('error', () => undefined);
    client.on('end', () => this.dropped(client));
    this.client = client;
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) {
        await client.query(`LISTEN ${quoteChannel(channel)}`);
      }
      this.setLive(true);
    } catch (error) {
      this.logger.warn('notification channel unavailable; retrying', {
        reason: errorMessage(error),
      });
      await client.end().catch(() => undefined);
      this.dropped(client);
    }
  }

  private dropped(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.setLive(false);
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(() => void this.connect(), RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }

  private setLive(live: boolean): void {
    if (this.isLive === live && live === false) return;
    this.isLive = live;
    for (const list of this.subscribers.values()) {
      for (const subscriber of list) subscriber.connectionChanged(live);
    }
  }
}

/** Channel names are ours, but LISTEN takes an identifier, never a parameter. */
function quoteChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  return channel;
}

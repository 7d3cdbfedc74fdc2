import { Client } from 'pg';

/** Every JSON payload announced on the `auth_state` channel since listen(), in order. */
export interface AuthStateListener {
  notifications: Record<string, unknown>[];
  end(): Promise<void>;
}

/** LISTENs on `auth_state` (where triggers announce ended sessions, role changes, revoked keys). */
export async function listenAuthState(databaseUrl: string): Promise<AuthStateListener> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const notifications: Record<string, unknown>[] = [];
  client.on('notification', (message) => {
    if (message.channel === 'auth_state' && message.payload) {
      notifications.push(JSON.parse(message.payload) as Record<string, unknown>);
    }
  });
  await client.query('LISTEN auth_state');
  return { notifications, end: () => client.end() };
}

import { EmbeddedPostgres } from '../database/embedded-postgres';
import { errorMessage } from '../common/errors/error-message';

/**
 * Runs the embedded PostgreSQL on its own until SIGTERM/SIGINT, printing `READY <url>` once it
 * answers. The test suite uses it when no other PostgreSQL is reachable.
 *   node dist/src/cli/embedded-postgres.js <data-dir> <port>
 */
async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port || !/^\d+$/.test(port)) {
    process.stderr.write('usage: embedded-postgres <data-dir> <port>\n');
    process.exit(2);
  }
  const log = (message: string, fields?: Record<string, unknown>): void => {
    process.stderr.write(`${message} ${fields ? JSON.stringify(fields) : ''}\n`);
  };
  const server = await EmbeddedPostgres.start({
    dataDir,
    port: Number(port),
    databaseName: 'postgres',
    logger: { log, warn: log },
  });
  // The test suite creates its databases with this URL: the superuser's.
  process.stdout.write(`READY ${server.adminUrl}\n`);
  const stop = (): void => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${errorMessage(error)}\n`);
  process.exit(1);
});

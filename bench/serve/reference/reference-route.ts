import type { Server } from 'node:http';

/** The path every reference server answers, and its constant body (what /health/live sends). */
export const REFERENCE_PATH = '/ping';
export const BODY = JSON.stringify({ status: 'ok' });

/** Listens on 127.0.0.1 at the port given as the first argument, and says so on stdout. */
export function listenOn(server: Server): void {
  server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('listening\n'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

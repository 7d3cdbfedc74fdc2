import { driverErrorCode, isConnectionError } from '../common/errors/pg-error';

/**
 * Why a read failed on a replica, when it is the replica's doing rather than the query's:
 * - `unavailable`: the replica cannot serve now (unreachable, shutting down, starting up, full,
 *   or without the database yet): skip it until the checker sees it well again;
 * - `conflict`: this one query was cancelled by WAL replay (a recovery conflict, SQLSTATE 40001
 *   or 40P01 on a standby): the replica is fine.
 * Either way the read is run again on the primary. Anything else (a timeout, a bad value) is
 * the query's own error and goes up as it would from the primary.
 */
export type ReplicaFault = 'unavailable' | 'conflict';

const UNAVAILABLE_CODES = new Set([
  '57P02', // crash_shutdown
  '57P04', // database_dropped (replayed while connected)
  '3D000', // invalid_catalog_name: the database's creation is not replayed yet
  '53300', // too_many_connections
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const CONFLICT_CODES = new Set(['40001', '40P01']);

export function replicaFault(error: unknown): ReplicaFault | undefined {
  if (isConnectionError(error)) return 'unavailable';
  const code = driverErrorCode(error);
  if (code === undefined) return undefined;
  if (UNAVAILABLE_CODES.has(code)) return 'unavailable';
  return CONFLICT_CODES.has(code) ? 'conflict' : undefined;
}

import { DatabaseError } from 'pg';
import { replicaFault } from './replica-fault';

function pgError(code: string, message = 'error'): DatabaseError {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
}

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5433`), { code });
}

describe('replicaFault', () => {
  it('calls an unreachable, stopping, starting or full replica unavailable', () => {
    expect(replicaFault(systemError('ECONNREFUSED'))).toBe('unavailable');
    expect(replicaFault(systemError('ENOTFOUND'))).toBe('unavailable');
    expect(replicaFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(replicaFault(new Error('timeout exceeded when trying to connect'))).toBe('unavailable');
    expect(
      replicaFault(pgError('57P01', 'terminating connection due to administrator command')),
    ).toBe('unavailable');
    expect(replicaFault(pgError('57P03', 'the database system is starting up'))).toBe(
      'unavailable',
    );
    expect(replicaFault(pgError('53300'))).toBe('unavailable');
  });

  it('calls a database the replica has not replayed yet unavailable', () => {
    expect(replicaFault(pgError('3D000', 'database "test_x" does not exist'))).toBe('unavailable');
  });

  it('calls a query cancelled by replay a conflict', () => {
    expect(
      replicaFault(pgError('40001', 'canceling statement due to conflict with recovery')),
    ).toBe('conflict');
  });

  it("leaves the query's own errors alone", () => {
    expect(replicaFault(pgError('57014', 'canceling statement due to statement timeout'))).toBe(
      undefined,
    );
    expect(replicaFault(pgError('22P02'))).toBe(undefined);
    expect(replicaFault(pgError('42P01'))).toBe(undefined);
    expect(replicaFault(new TypeError('x is undefined'))).toBe(undefined);
    expect(replicaFault('text')).toBe(undefined);
  });
});

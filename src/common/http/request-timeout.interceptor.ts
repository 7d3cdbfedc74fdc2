import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, TimeoutError, catchError, throwError, timeout } from 'rxjs';
import { UnavailableError } from '../errors/app-error';

/**
 * Answers 503 (with Retry-After) when a handler runs longer than REQUEST_TIMEOUT_MS, instead
 * of letting a client wait on a stuck dependency. The work itself is bounded separately: a
 * query by the statement timeout, a connection wait by the pool's connection timeout.
 */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(private readonly timeoutMs: number) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof TimeoutError
            ? new UnavailableError(
                `The request took longer than ${this.timeoutMs} ms; retry shortly`,
              )
            : error,
        ),
      ),
    );
  }
}

import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, Observable, of, switchMap } from 'rxjs';
import { ClockService } from './clock.service';

/**
 * With the staging clock on (PORTAL_TEST_CLOCK=1), every request first reads the stored clock (`ClockService.current`),
 * so whatever the request decides by `now()` uses the time of that moment, not this process's copy from up to 500 ms
 * before: once `PUT /api/admin/clock` has answered on one API replica, a request to any other replica acts on the new
 * time. Registered by the API only when the staging clock is on; production pays nothing.
 */
@Injectable()
export class StagingClockSync implements NestInterceptor {
  constructor(private readonly clock: ClockService) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // a clock that cannot be read (the database away) leaves the request to its own queries, which answer 503 for
    // themselves; a route that needs no database (liveness, health's own report) still answers
    return from(this.clock.current()).pipe(
      catchError(() => of(null)),
      switchMap(() => next.handle()),
    );
  }
}

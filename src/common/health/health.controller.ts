import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { ReadReplicas } from '../../database/read-replicas';

/**
 * Liveness (the process answers) and readiness (the database answers) for orchestrators. With
 * read replicas configured, readiness also shows each replica's state; a replica skipped makes
 * it `degraded` (still 200: reads go to the primary meanwhile), never unready.
 */
@ApiTags('health')
@Controller('health')
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly replicas: ReadReplicas,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({
    description: 'The database answers: ready to serve (`degraded`: a read replica is skipped)',
  })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  ready(): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('database', { timeout: 2000 }),
    ];
    if (this.replicas.configured) checks.push(() => this.replicaHealth());
    return this.health.check(checks);
  }

  private replicaHealth(): HealthIndicatorResult<'replicas'> {
    const replicas = this.replicas.statuses();
    const inUse = replicas.filter((replica) => replica.state === 'in_use').length;
    const session = this.indicators.check('replicas');
    const details = { inUse, of: replicas.length, replicas };
    return inUse === replicas.length ? session.up(details) : session.degraded(details);
  }
}

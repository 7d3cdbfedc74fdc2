import { ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { clientAddressKey } from '../http/client-address';
import { SharedThrottlerStorage } from './shared-throttler.storage';
import { throttleKeyOf } from './throttle-key';

@Module({ providers: [SharedThrottlerStorage], exports: [SharedThrottlerStorage] })
class ThrottlerStorageModule {}

/**
 * POST /v1/auth/* (register, login, refresh, logout) and the password change, which checks and
 * hashes passwords too: the tighter per-address limit.
 */
function isAuthRoute(context: ExecutionContext): boolean {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  if (request.method !== 'POST') return false;
  // The route's pattern, as registered: the same whatever case or trailing slash the URL has.
  const route = request.routeOptions.url ?? '';
  return route.startsWith('/v1/auth/') || route === '/v1/users/me/password';
}

/**
 * The counter of one route, throttler and client: the library's default hashes the same parts
 * with SHA-256 on every request (3 % of a cached route's CPU in the profile) to bound the key's
 * length, which ours already is (a route name, a throttler name, an address or an API key id).
 */
function counterKey(context: ExecutionContext, tracker: string, throttler: string): string {
  return `${context.getClass().name}-${context.getHandler().name}-${throttler}-${tracker}`;
}

/**
 * Throttling on every route by client address (`default`: RATE_LIMIT per window) and, tighter,
 * on the auth routes (`auth`: AUTH_RATE_LIMIT). A request made with a valid service key
 * (X-API-Key, which sets its `throttleKey` before the guards run) counts per key instead
 * (`apiKey`: API_KEY_RATE_LIMIT): a backend calls for many users from one address. An invalid
 * key sets nothing and is counted by address like any request. The client address is the one
 * TRUST_PROXY lets Fastify resolve, IPv6 per /64 (clientAddressKey). Health and metrics opt out
 * with @SkipThrottle.
 * Failed logins per account are counted separately, in PostgreSQL (auth's LoginThrottle).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [APP_CONFIG, SharedThrottlerStorage],
      useFactory: (config: AppConfig, shared: SharedThrottlerStorage): ThrottlerModuleOptions => {
        const { limit, authLimit, apiKeyLimit, windowSeconds } = config.throttling;
        const ttl = windowSeconds * 1000;
        return {
          storage: shared.storage,
          getTracker: (request) => clientAddressKey((request as FastifyRequest).ip),
          generateKey: counterKey,
          errorMessage: 'Too many requests; retry after the number of seconds in Retry-After',
          throttlers: [
            {
              name: 'default',
              limit,
              ttl,
              skipIf: (context) => throttleKeyOf(context.switchToHttp().getRequest()) !== undefined,
            },
            {
              name: 'apiKey',
              limit: apiKeyLimit,
              ttl,
              skipIf: (context) => throttleKeyOf(context.switchToHttp().getRequest()) === undefined,
              getTracker: (request) => throttleKeyOf(request) ?? '',
            },
            {
              name: 'auth',
              limit: authLimit,
              ttl,
              skipIf: (context) => !isAuthRoute(context),
            },
          ],
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
})
export class ThrottlingModule {}

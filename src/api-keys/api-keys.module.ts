import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ApiKeyOrAdminGuard } from './api-key-or-admin.guard';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyMiddleware } from './api-key.middleware';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

/**
 * Service keys for other apps' backends: the admin routes, the check of `X-API-Key` on every
 * request (ApiKeyMiddleware), and the guards other modules use through @ApiKeyAuth() and
 * @ApiKeyOrAdminAuth() after importing this module.
 */
@Module({
  imports: [AuthModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeyGuard, ApiKeyOrAdminGuard],
  exports: [ApiKeyGuard, ApiKeyOrAdminGuard],
})
export class ApiKeysModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ApiKeyMiddleware).forRoutes('{*path}');
  }
}

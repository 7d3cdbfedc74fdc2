import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, AppConfig } from './app-config';

/**
 * Provides the frozen AppConfig as APP_CONFIG, through @nestjs/config. The entry point
 * validates the environment once with loadConfig() (it needs the database settings before the
 * app exists) and hands the result in, so a generated JWT secret is made exactly once.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      imports: [
        NestConfigModule.forRoot({
          cache: true,
          ignoreEnvFile: true,
          load: [() => ({ app: config })],
        }),
      ],
      providers: [
        {
          provide: APP_CONFIG,
          inject: [ConfigService],
          useFactory: (configService: ConfigService): AppConfig =>
            configService.getOrThrow<AppConfig>('app'),
        },
      ],
      exports: [APP_CONFIG],
    };
  }
}

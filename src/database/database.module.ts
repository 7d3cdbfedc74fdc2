import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { NotificationListener } from './notification-listener';

/**
 * The TypeORM connection, shared by every module's injected repositories. Pending migrations
 * run at start-up, before the app serves. Also the process's one LISTEN connection.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions({
              url: databaseUrl,
              poolSize: config.database.poolSize,
              statementTimeoutMs: config.database.statementTimeoutMs,
            }),
            migrationsRun: true,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [NotificationListener],
      exports: [NotificationListener],
    };
  }
}

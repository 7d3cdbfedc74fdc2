import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { NotificationListener } from './notification-listener';
import { ReadReplicas } from './read-replicas';
import { ReadYourWrites } from './read-your-writes';

/**
 * The TypeORM connection, shared by every module's injected repositories. Pending migrations
 * run at start-up, before the app serves. Also the process's one LISTEN connection, and the
 * read replicas with the read-your-writes rule that some reads go through.
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
      providers: [NotificationListener, ReadReplicas, ReadYourWrites],
      exports: [NotificationListener, ReadReplicas, ReadYourWrites],
    };
  }
}

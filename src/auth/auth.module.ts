import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { accessTokenKey } from './access-token-key';
import { AccessTokens } from './access-tokens';
import { AdminBootstrap } from './admin-bootstrap';
import { AuthController } from './auth.controller';
import { AuthStateCache } from './auth-state-cache';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { OptionalJwtAuthGuard } from './optional-jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { Reauthentication } from './reauthentication';
import { RefreshToken } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RolesGuard } from './roles.guard';
import { SessionsRepository } from './sessions.repository';
import { TrustedLoginAddressesRepository } from './trusted-login-addresses.repository';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * Accounts and tokens. Exports the guards so other
 * modules protect routes with @Authenticated() after importing AuthModule.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: accessTokenKey(config),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AccessTokens,
    AdminBootstrap,
    AuthService,
    AuthStateCache,
    JwtAuthGuard,
    JwtStrategy,
    LoginThrottle,
    LoginThrottleRepository,
    OptionalJwtAuthGuard,
    PasswordHasher,
    // Built once at start-up: ranking its dictionaries takes tens of milliseconds.
    { provide: PasswordPolicy, useFactory: (): PasswordPolicy => new PasswordPolicy() },
    Reauthentication,
    RefreshTokensRepository,
    RolesGuard,
    SessionsRepository,
    TrustedLoginAddressesRepository,
    UsersRepository,
    UsersService,
  ],
  exports: [JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard, SessionsRepository],
})
export class AuthModule {}

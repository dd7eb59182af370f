import { PhoneCodes } from './phone-codes.service';
import { PhoneSignIn } from './phone-sign-in.service';
import { PhoneSignInController } from './phone-sign-in.controller';
import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { logRedisOutages, redisOptions } from '../common/redis/redis-client';
import { AuthController } from './auth.controller';
import { PrincipalCache } from './principal-cache';
import { AuthService } from './auth.service';
import { accountTracker, AuthThrottlerGuard, BY_ACCOUNT, BY_ADDRESS } from './auth-throttler.guard';
import { FirstAdminSeeder } from './first-admin.seeder';
import { MfaController, UserMfaController } from './mfa.controller';
import { MfaService } from './mfa.service';
import { PasswordService } from './password.service';
import { EmailVerification } from './email-verification.service';
import { KnownDevices } from './known-devices.service';
import { OneTimeCodes } from './one-time-codes.service';
import { SignInProtection } from './sign-in-protection';
import { CompaniesModule } from '../companies/companies.module';

/** Counters in Redis; the storage opens the connection and closes it when the app stops. */
function redisThrottlerStorage(url: string, keyPrefix: string): ThrottlerStorageRedisService {
  const storage = new ThrottlerStorageRedisService(url, redisOptions(keyPrefix));
  logRedisOutages(storage.redis, 'sign-in limits are counted per process');
  return storage;
}

@Module({
  imports: [
    UsersModule,
    NotificationsModule,
    CompaniesModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a public key
      // on every verification (~10 % of the CPU of a registration rush).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    // Per route (sign-up, log-in, reset): AUTH_RATE_LIMIT per client address and AUTH_ACCOUNT_RATE_LIMIT
    // per email tried. Counters live in Redis when REDIS_URL is set, so every process counts together.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          {
            name: BY_ADDRESS,
            limit: config.authRateLimit?.limit ?? 1,
            ttl: config.authRateLimit?.ttlMs ?? 1000,
            getTracker: (request: Record<string, unknown>) => `ip:${String(request.ip)}`,
          },
          {
            name: BY_ACCOUNT,
            limit: config.authAccountRateLimit?.limit ?? 1,
            ttl: config.authAccountRateLimit?.ttlMs ?? 1000,
            getTracker: accountTracker,
          },
        ],
        skipIf: () => config.authRateLimit === null,
        // Retry-After is set by the exception filter from the real wait.
        setHeaders: false,
        storage: config.redis ? redisThrottlerStorage(config.redis.url, config.redis.keyPrefix) : undefined,
      }),
    }),
  ],
  controllers: [AuthController, MfaController, UserMfaController, PhoneSignInController],
  providers: [
    AuthService,
    PasswordService,
    MfaService,
    FirstAdminSeeder,
    AuthThrottlerGuard,
    EmailVerification,
    KnownDevices,
    OneTimeCodes,
    SignInProtection,
    PhoneCodes,
    PhoneSignIn,
    PrincipalCache,
  ],
  exports: [AuthService, PasswordService, PrincipalCache],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { FirstAdminSeeder } from './first-admin.seeder';
import { PasswordService } from './password.service';

@Module({
  imports: [
    UsersModule,
    NotificationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
    // AUTH_RATE_LIMIT: per client address, per route (sign-up, log-in, reset).
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'auth', limit: config.authRateLimit?.limit ?? 1, ttl: config.authRateLimit?.ttlMs ?? 1000 },
        ],
        skipIf: () => config.authRateLimit === null,
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, PasswordService, FirstAdminSeeder],
  exports: [AuthService, PasswordService],
})
export class AuthModule {}

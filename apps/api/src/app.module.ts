import { randomUUID } from 'node:crypto';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AttendanceModule } from './attendance/attendance.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CertificatesModule } from './certificates/certificates.module';
import { DemoModule } from './demo/demo.module';
import { EventsModule } from './events/events.module';
import { PublicPagesModule } from './public-pages/public-pages.module';
import { EventImagesModule } from './event-images/event-images.module';
import { EventMessagesModule } from './event-messages/event-messages.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { AccessGuard } from './common/auth/access.guard';
import { SecurityModule } from './common/security/security.module';
import { ReplicaReadsModule } from './common/database/replica-reads.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { AppValidationPipe } from './common/validation/validation.pipe';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { typeormOptions } from './database/typeorm-options';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PeriodsModule } from './periods/periods.module';
import { SurveysModule } from './surveys/surveys.module';
import { ReportingModule } from './reporting/reporting.module';
import { UsersModule } from './users/users.module';
import { CompaniesModule } from './companies/companies.module';
import { CalendarModule } from './calendar/calendar.module';
import { MentorsModule } from './mentors/mentors.module';
import { OfficeHoursModule } from './office-hours/office-hours.module';
import { MentoringRequestsModule } from './mentoring-requests/mentoring-requests.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // Nest 11 route syntax; the library's default '*' draws a legacy-route warning.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            // Middleware sees a rewritten req.url; originalUrl is the path as requested.
            autoLogging: {
              ignore: (req) =>
                ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith('/api/health'),
            },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        TypeOrmModule.forRoot(typeormOptions(config)),
        AuditModule,
        SecurityModule,
        RateLimitModule,
        ReplicaReadsModule,
        NotificationsModule,
        OrganizationsModule,
        UsersModule,
        CompaniesModule,
        AuthModule,
        HealthModule,
        MentorsModule,
        OfficeHoursModule,
        MentoringRequestsModule,
        CalendarModule,
        PeriodsModule,
        EventsModule,
        EventImagesModule,
        PublicPagesModule,
        RegistrationsModule,
        AttendanceModule,
        EventMessagesModule,
        CertificatesModule,
        SurveysModule,
        ReportingModule,
        DemoModule,
      ],
      providers: [
        // Also injectable by class: the onRequest hook of app.factory.ts admits callers before bodies.
        AccessGuard,
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useValue: new AppValidationPipe() },
      ],
    };
  }
}

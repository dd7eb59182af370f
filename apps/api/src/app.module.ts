import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type pino from 'pino';
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
import { LoggingModule } from './common/logging/request-log';
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
  static forRoot(config: AppConfig, logger: pino.Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
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

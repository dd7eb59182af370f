import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { MentorInvitationsService } from './mentor-invitations.service';
import { MentorsController } from './mentors.controller';
import { MentorsService } from './mentors.service';

@Module({
  imports: [NotificationsModule],
  controllers: [MentorsController],
  providers: [MentorsService, MentorInvitationsService],
  exports: [MentorsService],
})
export class MentorsModule {}

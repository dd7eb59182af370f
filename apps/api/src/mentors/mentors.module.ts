import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { MentorInvitation } from './mentor-invitation.entity';
import { MentorInvitationsService } from './mentor-invitations.service';
import { MentorProfile } from './mentor-profile.entity';
import { MentorsController } from './mentors.controller';
import { MentorsService } from './mentors.service';

@Module({
  imports: [TypeOrmModule.forFeature([MentorProfile, MentorInvitation]), NotificationsModule],
  controllers: [MentorsController],
  providers: [MentorsService, MentorInvitationsService],
  exports: [MentorsService],
})
export class MentorsModule {}

import { CheckIn } from '../attendance/check-in.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuthSession } from '../auth/auth-session.entity';
import { EventSession } from '../events/event-session.entity';
import { EventSpeaker } from '../events/event-speaker.entity';
import { Event } from '../events/event.entity';
import { PasswordResetToken } from '../auth/password-reset-token.entity';
import { OneTimeCode } from '../auth/one-time-code.entity';
import { KnownDevice } from '../auth/known-device.entity';
import { OutboxMessage } from '../notifications/outbox-message.entity';
import { OrganizationMember } from '../organizations/organization-member.entity';
import { Organization } from '../organizations/organization.entity';
import { Venue } from '../organizations/venue.entity';
import { Registration } from '../registrations/registration.entity';
import { Company } from '../users/company.entity';
import { Target } from '../targets/target.entity';
import { User } from '../users/user.entity';
import { CalendarToken } from '../calendar/calendar-token.entity';
import { MentorInvitation } from '../mentors/mentor-invitation.entity';
import { MentorProfile } from '../mentors/mentor-profile.entity';
import { Booking } from '../office-hours/booking.entity';

/** Every entity; each belongs to the feature folder it is imported from. */
export const ENTITIES = [
  Organization,
  OrganizationMember,
  User,
  Company,
  AuthSession,
  PasswordResetToken,
  OneTimeCode,
  KnownDevice,
  OutboxMessage,
  AuditEntry,
  Venue,
  Event,
  EventSession,
  EventSpeaker,
  Registration,
  CheckIn,
  Target,
  MentorProfile,
  MentorInvitation,
  Booking,
  CalendarToken,
];

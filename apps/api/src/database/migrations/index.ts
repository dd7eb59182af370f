import { Foundation1764190000000 } from './1764190000000-Foundation';
import { Events1764200000000 } from './1764200000000-Events';
import { OfficeHours1764300000000 } from './1764300000000-OfficeHours';
import { Attendance1764400000000 } from './1764400000000-Attendance';
import { Targets1764500000000 } from './1764500000000-Targets';
import { DashboardRollup1764610000000 } from './1764610000000-DashboardRollup';
import { AccountSecurity1764630000000 } from './1764630000000-AccountSecurity';
import { ShardingKeys1764640000000 } from './1764640000000-ShardingKeys';
import { AccountVerification1764652100000 } from './1764652100000-AccountVerification';
import { RecognisedDevices1764652200000 } from './1764652200000-RecognisedDevices';
import { CompanyOwners1764652300000 } from './1764652300000-CompanyOwners';
import { NoShowContests1764657110000 } from './1764657110000-NoShowContests';
import { CertificateCodes1764660000000 } from './1764660000000-CertificateCodes';
import { DashboardCarrierTree1764670000000 } from './1764670000000-DashboardCarrierTree';
import { ShortTicketCodes1764680000000 } from './1764680000000-ShortTicketCodes';
import { AccountDeactivation1764690000000 } from './1764690000000-AccountDeactivation';
import { MentoringRequests1764700000000 } from './1764700000000-MentoringRequests';
import { CoachingRecords1764700100000 } from './1764700100000-CoachingRecords';
import { EventSeries1764710000000 } from './1764710000000-EventSeries';
import { PeriodLocks1764710100000 } from './1764710100000-PeriodLocks';
import { PhoneSignIn1764720000000 } from './1764720000000-PhoneSignIn';
import { MentoringMatching1764730000000 } from './1764730000000-MentoringMatching';
import { DoorStaff1764731000000 } from './1764731000000-DoorStaff';
import { EventMessages1764733000000 } from './1764733000000-EventMessages';
import { SatisfactionSurveys1764734000000 } from './1764734000000-SatisfactionSurveys';
import { WalkInsJoinAccounts1764735000000 } from './1764735000000-WalkInsJoinAccounts';
import { SmsDeliveryReference1764735100000 } from './1764735100000-SmsDeliveryReference';
import { EventImages1764736000000 } from './1764736000000-EventImages';
import { NotificationChannels1764736100000 } from './1764736100000-NotificationChannels';
import { HotPathVersions1764736200000 } from './1764736200000-HotPathVersions';
import { DashboardSatisfactionIndex1764736400000 } from './1764736400000-DashboardSatisfactionIndex';
import { DashboardTotals1764736500000 } from './1764736500000-DashboardTotals';
import { BookingLimitsFunction1764736600000 } from './1764736600000-BookingLimitsFunction';
import { MentorContextVersion1764736700000 } from './1764736700000-MentorContextVersion';

/** Every migration, oldest first. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [
  Foundation1764190000000,
  Events1764200000000,
  OfficeHours1764300000000,
  Attendance1764400000000,
  Targets1764500000000,
  DashboardRollup1764610000000,
  AccountSecurity1764630000000,
  ShardingKeys1764640000000,
  AccountVerification1764652100000,
  RecognisedDevices1764652200000,
  CompanyOwners1764652300000,
  NoShowContests1764657110000,
  CertificateCodes1764660000000,
  DashboardCarrierTree1764670000000,
  ShortTicketCodes1764680000000,
  AccountDeactivation1764690000000,
  MentoringRequests1764700000000,
  CoachingRecords1764700100000,
  EventSeries1764710000000,
  PeriodLocks1764710100000,
  PhoneSignIn1764720000000,
  MentoringMatching1764730000000,
  DoorStaff1764731000000,
  EventMessages1764733000000,
  SatisfactionSurveys1764734000000,
  WalkInsJoinAccounts1764735000000,
  SmsDeliveryReference1764735100000,
  EventImages1764736000000,
  NotificationChannels1764736100000,
  HotPathVersions1764736200000,
  DashboardSatisfactionIndex1764736400000,
  DashboardTotals1764736500000,
  BookingLimitsFunction1764736600000,
  MentorContextVersion1764736700000,
];

import type {
  BookingConfirmation,
  DateOverride,
  IntakeQuestion,
  MentorCategory,
  WeeklyRule,
} from '@wutong/shared';
import { columnsOf } from '../common/database/records';

/** A mentor's public profile and office-hour settings; one per user with the `mentor` role. */
export interface MentorProfile {
  userId: string;
  category: MentorCategory;
  title: string | null;
  affiliation: string | null;
  bio: string | null;
  expertise: string[];
  languages: string[];
  photoUrl: string | null;
  published: boolean;
  /** Chinese public holidays off and 调休 make-up days on. */
  holidaysOff: boolean;
  location: string | null;
  onlineUrl: string | null;
  timeZone: string;
  minNoticeHours: number;
  maxPerDay: number | null;
  horizonWeeks: number;
  maxFuturePerFounder: number;
  rules: WeeklyRule[];
  overrides: DateOverride[];
  confirmation: BookingConfirmation;
  requestTtlHours: number;
  intakeQuestions: IntakeQuestion[];
  createdAt: Date;
  updatedAt: Date;
}

/** jsonb columns of mentor_profiles (written as JSON text). */
export const MENTOR_PROFILE_JSON = ['rules', 'overrides', 'intakeQuestions'] as const;

export const MENTOR_PROFILE_COLUMNS = columnsOf(
  [
    'userId',
    'category',
    'title',
    'affiliation',
    'bio',
    'expertise',
    'languages',
    'photoUrl',
    'published',
    'holidaysOff',
    'location',
    'onlineUrl',
    'timeZone',
    'minNoticeHours',
    'maxPerDay',
    'horizonWeeks',
    'maxFuturePerFounder',
    'rules',
    'overrides',
    'confirmation',
    'requestTtlHours',
    'intakeQuestions',
    'createdAt',
    'updatedAt',
  ],
  'p',
);

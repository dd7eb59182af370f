import type { EventStatus, EventType, QuestionView } from '@wutong/shared';
import { columnsOf } from '../common/database/records';

/** An event as the code passes it around (the row of `events`). */
export interface Event {
  id: string;
  organizationId: string;
  type: EventType;
  title: string;
  description: string;
  venueId: string | null;
  onlineUrl: string | null;
  capacity: number;
  /** Only ever changed by single conditional UPDATEs (EventsService.takeSeat, releaseSeat, takeSeats). */
  seatsTaken: number;
  approvalRequired: boolean;
  waitlistEnabled: boolean;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  questions: QuestionView[];
  sequence: number;
  completionShare: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  cancelledAt: Date | null;
}

/** numeric(3,2) comes from pg as a string: read as a number. */
export const EVENT_COLUMNS = `${columnsOf([
  'id',
  'organizationId',
  'type',
  'title',
  'description',
  'venueId',
  'onlineUrl',
  'capacity',
  'seatsTaken',
  'approvalRequired',
  'waitlistEnabled',
  'registrationOpensAt',
  'registrationClosesAt',
  'status',
  'startsAt',
  'endsAt',
  'questions',
  'sequence',
  'createdBy',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'cancelledAt',
])}, completion_share::float8 AS "completionShare"`;

/** One sitting of an event: a four-evening training has four. Check-ins and counts hang on sessions. */
export interface EventSession {
  id: string;
  eventId: string;
  organizationId: string;
  startsAt: Date;
  endsAt: Date;
  title: string | null;
  remindedAt: Date | null;
}

export const SESSION_COLUMNS = columnsOf([
  'id',
  'eventId',
  'organizationId',
  'startsAt',
  'endsAt',
  'title',
  'remindedAt',
]);

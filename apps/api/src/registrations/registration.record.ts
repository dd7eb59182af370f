import type { Answers, RegistrationStatus } from '@wutong/shared';
import { columnsOf } from '../common/database/records';

/** A registration as the code passes it around (the row of `registrations`). */
export interface Registration {
  id: string;
  eventId: string;
  organizationId: string;
  userId: string;
  status: RegistrationStatus;
  /** 128 random bits, base64url; present exactly while confirmed. */
  ticketCode: string | null;
  /** 8 characters to read out at the door, unique per event; given by the database with the ticket. */
  shortCode: string | null;
  answers: Answers;
  /** bigint: a string from pg. */
  waitlistSeq: string | null;
  createdAt: Date;
  updatedAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

export const REGISTRATION_COLUMNS = columnsOf([
  'id',
  'eventId',
  'organizationId',
  'userId',
  'status',
  'ticketCode',
  'shortCode',
  'answers',
  'waitlistSeq',
  'createdAt',
  'updatedAt',
  'confirmedAt',
  'cancelledAt',
]);

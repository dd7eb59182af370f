/**
 * The door opens this many hours before a session starts (organizers check people in from then on,
 * and backfill at any time after it); earlier check-ins answer 409 TOO_EARLY.
 */
export const DOORS_OPEN_HOURS = 24;

/** The short ticket code's alphabet: no 0/O, 1/I/L or U to mix up when read out. */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHORT_CODE = new RegExp(`^[${SHORT_CODE_ALPHABET}]{8}$`);

/** A short ticket code as typed ("abcd efgh", "ABCD-EFGH") in its stored form, or null if it is not one. */
export function normalizeShortCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return SHORT_CODE.test(code) ? code : null;
}

/** "ABCD-EFGH": how a short code is printed on the ticket. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** When the door opens for a session starting at `startsAt` (ms since the epoch). */
export function doorsOpenAt(startsAt: string): number {
  return Date.parse(startsAt) - DOORS_OPEN_HOURS * 3_600_000;
}

/** Whether check-ins for a session starting at `startsAt` are still refused (TOO_EARLY) at `now`. */
export function doorsNotOpenYet(startsAt: string, now: number = Date.now()): boolean {
  return doorsOpenAt(startsAt) > now;
}

/** Check-in at the door, walk-ins, attendance per session and per attendee (docs/api.md, Attendance). */

export const CHECK_IN_METHODS = ['ticket', 'search', 'walk_in', 'self'] as const;
export type CheckInMethod = (typeof CHECK_IN_METHODS)[number];

/** Exactly one of: a scanned or typed ticket code, a registration found by search, a walk-in. */
export interface CheckInRequest {
  ticketCode?: string;
  registrationId?: string;
  walkIn?: { name: string; phone?: string | null; company?: string | null };
}

export interface AttendeeView {
  kind: 'registered' | 'walk_in';
  registrationId: string | null;
  userId: string | null;
  name: string;
  companyName: string | null;
  phone: string | null;
}

export interface CheckInView {
  id: string;
  eventId: string;
  sessionId: string;
  method: CheckInMethod;
  checkedInAt: string;
  checkedInBy: string | null;
}

/** 201 for a new check-in; 200 with alreadyCheckedIn and the first check-in for a repeat. */
export interface CheckInResponse {
  alreadyCheckedIn: boolean;
  checkIn: CheckInView;
  attendee: AttendeeView;
}

/** The door's live count for one session, polled by every door. */
export interface SessionLiveCount {
  sessionId: string;
  registered: number;
  checkedIn: number;
  walkIns: number;
  /** The latest check-ins, newest first. */
  recent: CheckInResponse[];
}

export interface SessionAttendance {
  sessionId: string;
  title: string | null;
  startsAt: string;
  endsAt: string;
  /** Confirmed registrations. */
  registered: number;
  /** Everyone checked in, walk-ins included. */
  checkedIn: number;
  walkIns: number;
  /** Confirmed but not checked in; null until the session has ended. */
  noShows: number | null;
}

export interface AttendeeAttendance {
  kind: 'registered' | 'walk_in';
  registrationId: string | null;
  name: string;
  companyName: string | null;
  phone: string | null;
  /** Sessions attended, by id. */
  sessionIds: string[];
  attended: number;
  /** Attended at least the event's completion share of its sessions. */
  completed: boolean;
}

export interface EventAttendance {
  eventId: string;
  completionShare: number;
  /** Sessions needed to complete: ceil(share × sessions). */
  sessionsToComplete: number;
  sessions: SessionAttendance[];
  attendees: AttendeeAttendance[];
}

export interface AttendeeSearchResult {
  registrationId: string;
  name: string;
  companyName: string | null;
  phone: string | null;
  status: string;
  /** Already checked in to the session asked about. */
  checkedIn: boolean;
}

export interface SelfCheckInCode {
  code: string;
  /** What the venue screen shows as a QR code. */
  url: string;
  /** The code stops working soon after this (it rotates). */
  expiresAt: string;
  opensAt: string;
  closesAt: string;
}

export interface SelfCheckInRequest {
  code: string;
}

export interface MyAttendanceView {
  eventId: string;
  eventTitle: string;
  eventType: string;
  organizationName: string;
  sessionId: string;
  sessionTitle: string | null;
  startsAt: string;
  checkedInAt: string;
}

/** A completion certificate as its public verification page shows it. */
/**
 * GET /certificates/:serial: what the printed serial alone tells anyone (not whose it is: the QR's
 * code does that).
 */
export interface CertificateCheckView {
  serial: string;
  valid: boolean;
  eventTitle: string;
  organizationName: string;
}

/** GET /certificates/verify/:code (the certificate's QR), and organizers' answers. */
export interface CertificateView {
  serial: string;
  holderName: string;
  eventTitle: string;
  organizationName: string;
  /** First and last session, in the carrier's zone's calendar dates (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
  /** Learning hours (学时) of the sessions attended. */
  hours: number;
  issuedAt: string;
  valid: boolean;
  revokedAt: string | null;
}

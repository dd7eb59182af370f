/**
 * Stable error codes of the HTTP contract (API.md). Clients switch on these, never on messages.
 * Features add their own codes here so the web client and the API agree on one list.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RateLimited: 'RATE_LIMITED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  BadRequest: 'BAD_REQUEST',
  Conflict: 'CONFLICT',
  InternalError: 'INTERNAL_ERROR',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /** PostgreSQL cannot be reached (restart, failover): 503 with Retry-After; retry later. */
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  // accounts
  EmailTaken: 'EMAIL_TAKEN',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  WeakPassword: 'WEAK_PASSWORD',
  WrongPassword: 'WRONG_PASSWORD',
  InvalidResetToken: 'INVALID_RESET_TOKEN',
  InvalidCreditCode: 'INVALID_CREDIT_CODE',
  RoleNotGrantable: 'ROLE_NOT_GRANTABLE',
  LastAdmin: 'LAST_ADMIN',
  /** The account has two-factor sign-in: send `otp` with the password. */
  MfaCodeRequired: 'MFA_CODE_REQUIRED',
  InvalidMfaCode: 'INVALID_MFA_CODE',
  MfaAlreadyEnabled: 'MFA_ALREADY_ENABLED',
  MfaNotEnabled: 'MFA_NOT_ENABLED',
  /** AUTH_ADMIN_MFA=required: admin rights need two-factor sign-in set up and used in this session. */
  MfaSetupRequired: 'MFA_SETUP_REQUIRED',
  /** Registering and booking need a verified account: confirm the code mailed at sign-up. */
  EmailNotVerified: 'EMAIL_NOT_VERIFIED',
  /** A mailed one-time code that is wrong, used, expired or out of tries. */
  InvalidCode: 'INVALID_CODE',
  AlreadyVerified: 'ALREADY_VERIFIED',
  // companies
  /** Another company already has this credit code (or, without one, this name). */
  CompanyExists: 'COMPANY_EXISTS',
  /** A company's owner must be one of its members. */
  NotCompanyMember: 'NOT_COMPANY_MEMBER',
  // organizations
  OrganizationNameTaken: 'ORGANIZATION_NAME_TAKEN',
  /** There is one base (the top of the carrier tree); a second one is refused. */
  BaseExists: 'BASE_EXISTS',
  InvalidTimeZone: 'INVALID_TIME_ZONE',
  // events and registrations
  EventFull: 'EVENT_FULL',
  RegistrationClosed: 'REGISTRATION_CLOSED',
  CapacityBelowTaken: 'CAPACITY_BELOW_TAKEN',
  EventCancelled: 'EVENT_CANCELLED',
  RegistrationNotPending: 'REGISTRATION_NOT_PENDING',
  // check-in
  TicketNotFound: 'TICKET_NOT_FOUND',
  NotConfirmed: 'NOT_CONFIRMED',
  NotRegistered: 'NOT_REGISTERED',
  CheckInClosed: 'CHECK_IN_CLOSED',
  CheckInCodeExpired: 'CHECK_IN_CODE_EXPIRED',
  NotCompleted: 'NOT_COMPLETED',
  CertificateRevoked: 'CERTIFICATE_REVOKED',
  EventNotEnded: 'EVENT_NOT_ENDED',
  // mentors and office hours (issue #5) go below
  SlotUnavailable: 'SLOT_UNAVAILABLE',
  BookingLimit: 'BOOKING_LIMIT',
  /** Upcoming bookings with all mentors together are capped per founder (slots cannot be hoarded). */
  OpenBookingsLimit: 'OPEN_BOOKINGS_LIMIT',
  BookingSuspended: 'BOOKING_SUSPENDED',
  BookingNotActive: 'BOOKING_NOT_ACTIVE',
  SessionNotStarted: 'SESSION_NOT_STARTED',
  BookingNotCompleted: 'BOOKING_NOT_COMPLETED',
  FeedbackExists: 'FEEDBACK_EXISTS',
  OwnOfficeHours: 'OWN_OFFICE_HOURS',
  InvalidInvitation: 'INVALID_INVITATION',
  /** A mentor invitation is accepted only by the account of the address it was sent to. */
  InvitationEmailMismatch: 'INVITATION_EMAIL_MISMATCH',
  /** Too early for this (a no-show mark before the session's end, or 15 minutes in without a note). */
  TooEarly: 'TOO_EARLY',
  /** Only a booking marked no-show can be contested. */
  NotANoShow: 'NOT_A_NO_SHOW',
  ContestExists: 'CONTEST_EXISTS',
  /** The contest was decided already, or there is none. */
  ContestNotOpen: 'CONTEST_NOT_OPEN',
  /** An organizer overturned this booking's no-show mark: it cannot be marked a no-show again. */
  NoShowOverturned: 'NO_SHOW_OVERTURNED',
  NotAMentor: 'NOT_A_MENTOR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `company.creditCode`. */
  field: string;
  messages: string[];
  /** The rule behind each message (`isEmail`, `maxLength`, `passwordCommon`…), for clients that word their own. */
  rules?: string[];
}

/** The body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  requestId?: string;
}

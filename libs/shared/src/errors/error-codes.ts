/**
 * Stable error codes of the HTTP contract (docs/api.md). Clients switch on these, never on messages.
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
  /** Signing in: the authenticator code is wrong or was used (401). */
  InvalidMfaCode: 'INVALID_MFA_CODE',
  /** Signed in, turning two-step sign-in on or off: the authenticator code is wrong (400). */
  WrongMfaCode: 'WRONG_MFA_CODE',
  MfaAlreadyEnabled: 'MFA_ALREADY_ENABLED',
  MfaNotEnabled: 'MFA_NOT_ENABLED',
  /** AUTH_ADMIN_MFA=required: admin rights need two-factor sign-in set up and used in this session. */
  MfaSetupRequired: 'MFA_SETUP_REQUIRED',
  /** Registering and booking need a verified account: confirm the code mailed at sign-up. */
  EmailNotVerified: 'EMAIL_NOT_VERIFIED',
  /** Signing in with a mailed (or texted) one-time code that is wrong, used, expired or out of tries (401). */
  InvalidCode: 'INVALID_CODE',
  /** Signed in, confirming the address: the mailed code is wrong, used, expired or out of tries (400). */
  WrongCode: 'WRONG_CODE',
  AlreadyVerified: 'ALREADY_VERIFIED',
  EmailRequired: 'EMAIL_REQUIRED',
  /** Confirming a phone: another account has verified this number (409). */
  PhoneTaken: 'PHONE_TAKEN',
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
  /** An event image upload that is not a JPEG, PNG or WebP picture (by its bytes) of at most 10 MB. */
  UnsupportedImage: 'UNSUPPORTED_IMAGE',
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
  /** The booking request was answered, withdrawn or has lapsed: nothing left to accept or decline. */
  RequestNotOpen: 'REQUEST_NOT_OPEN',
  /** The mentoring need was matched (booked) or withdrawn: it cannot be queued or assigned any more. */
  MentoringRequestClosed: 'MENTORING_REQUEST_CLOSED',
  // accounts managed by admins
  /** The account was deactivated by an admin: no sign-in until it is reactivated. */
  AccountDeactivated: 'ACCOUNT_DEACTIVATED',
  /** An admin cannot deactivate their own account (someone else must). */
  CannotDeactivateSelf: 'CANNOT_DEACTIVATE_SELF',
  // reported periods
  /** The month is locked (reported): its check-ins, walk-ins, undos and session times stay as they are. */
  PeriodLocked: 'PERIOD_LOCKED',
  /**
   * The dashboard's or a report's period is not one: two ways of naming it at once, a bad year,
   * quarter (2026Q3), month (2026-11) or day, `from` not before `to`, or longer than 366 days.
   */
  InvalidPeriod: 'INVALID_PERIOD',
  // satisfaction surveys
  /** One response per person and event: this person answered the survey already. */
  AlreadyAnswered: 'ALREADY_ANSWERED',
  /** The survey was sent: its questions stay what people were asked. */
  SurveySent: 'SURVEY_SENT',
  /** An answer is not of its question's kind (rating 1–5, nps 0–10, choice among the options). */
  InvalidAnswer: 'INVALID_ANSWER',
  /** A required question was not answered. */
  AnswerRequired: 'ANSWER_REQUIRED',
  /** An answer names a question the survey does not have. */
  UnknownQuestion: 'UNKNOWN_QUESTION',
  /** The survey opens once the event's last session has ended and it was sent (within a minute). */
  SurveyNotOpen: 'SURVEY_NOT_OPEN',
  /** The survey link is unknown (or was never issued). */
  InvalidSurveyLink: 'INVALID_SURVEY_LINK',
  // messages to a segment of an event
  /** The sessionId is not a session of this event. */
  SessionNotInEvent: 'SESSION_NOT_IN_EVENT',
  /** A text may not carry links (operators' rules for SMS): remove the address or send by mail only. */
  SmsLinkNotAllowed: 'SMS_LINK_NOT_ALLOWED',
  /** A rendered text is longer than an SMS may be (details: max, length). */
  SmsTooLong: 'SMS_TOO_LONG',
  /** This organizer sent the most messages an hour allows for this event (details: limit, retryAfterSeconds). */
  MessageLimitReached: 'MESSAGE_LIMIT_REACHED',
  /** The message id given is already a message of another event. */
  MessageIdTaken: 'MESSAGE_ID_TAKEN',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The one table from error code to HTTP status: a code always answers with the same status, so a
 * client may switch on either. DomainException takes its status from here.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  EMAIL_TAKEN: 409,
  INVALID_CREDENTIALS: 401,
  WEAK_PASSWORD: 400,
  WRONG_PASSWORD: 400,
  INVALID_RESET_TOKEN: 400,
  INVALID_CREDIT_CODE: 400,
  ROLE_NOT_GRANTABLE: 400,
  LAST_ADMIN: 409,
  MFA_CODE_REQUIRED: 401,
  INVALID_MFA_CODE: 401,
  WRONG_MFA_CODE: 400,
  MFA_ALREADY_ENABLED: 409,
  MFA_NOT_ENABLED: 409,
  MFA_SETUP_REQUIRED: 403,
  EMAIL_NOT_VERIFIED: 403,
  INVALID_CODE: 401,
  WRONG_CODE: 400,
  ALREADY_VERIFIED: 409,
  EMAIL_REQUIRED: 409,
  PHONE_TAKEN: 409,
  COMPANY_EXISTS: 409,
  NOT_COMPANY_MEMBER: 409,
  ORGANIZATION_NAME_TAKEN: 409,
  BASE_EXISTS: 409,
  INVALID_TIME_ZONE: 400,
  EVENT_FULL: 409,
  REGISTRATION_CLOSED: 409,
  CAPACITY_BELOW_TAKEN: 409,
  EVENT_CANCELLED: 409,
  REGISTRATION_NOT_PENDING: 409,
  UNSUPPORTED_IMAGE: 400,
  TICKET_NOT_FOUND: 404,
  ACCOUNT_DEACTIVATED: 403,
  CANNOT_DEACTIVATE_SELF: 409,
  NOT_CONFIRMED: 409,
  NOT_REGISTERED: 409,
  CHECK_IN_CLOSED: 409,
  CHECK_IN_CODE_EXPIRED: 409,
  NOT_COMPLETED: 409,
  CERTIFICATE_REVOKED: 409,
  EVENT_NOT_ENDED: 409,
  SLOT_UNAVAILABLE: 409,
  BOOKING_LIMIT: 409,
  OPEN_BOOKINGS_LIMIT: 409,
  BOOKING_SUSPENDED: 409,
  BOOKING_NOT_ACTIVE: 409,
  SESSION_NOT_STARTED: 409,
  BOOKING_NOT_COMPLETED: 409,
  FEEDBACK_EXISTS: 409,
  OWN_OFFICE_HOURS: 409,
  INVALID_INVITATION: 400,
  INVITATION_EMAIL_MISMATCH: 403,
  TOO_EARLY: 409,
  NOT_A_NO_SHOW: 409,
  CONTEST_EXISTS: 409,
  CONTEST_NOT_OPEN: 409,
  NO_SHOW_OVERTURNED: 409,
  REQUEST_NOT_OPEN: 409,
  MENTORING_REQUEST_CLOSED: 409,
  PERIOD_LOCKED: 409,
  INVALID_PERIOD: 400,
  ALREADY_ANSWERED: 409,
  SURVEY_SENT: 409,
  INVALID_ANSWER: 400,
  ANSWER_REQUIRED: 400,
  UNKNOWN_QUESTION: 400,
  INVALID_SURVEY_LINK: 404,
  SURVEY_NOT_OPEN: 409,
  SESSION_NOT_IN_EVENT: 400,
  SMS_LINK_NOT_ALLOWED: 400,
  SMS_TOO_LONG: 400,
  MESSAGE_LIMIT_REACHED: 429,
  MESSAGE_ID_TAKEN: 409,
};

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

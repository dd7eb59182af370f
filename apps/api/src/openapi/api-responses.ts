import type {
  AccountView,
  EventMessageResponse,
  EventMessageView,
  AuditPage,
  AttendeeSearchResult,
  AuthResponse,
  SmsLoginResponse,
  VerifiedPhoneView,
  AvailabilitySavedView,
  AvailabilityView,
  BookingSuspensionView,
  SuspendedFounderView,
  CoachingRecordsView,
  CompanyRecordView,
  CompanySearchEntry,
  BookingView,
  CalendarTokenView,
  CertificateCheckView,
  CertificateView,
  CheckInResponse,
  CompanyView,
  DashboardView,
  EventAttendance,
  EventSummary,
  EventView,
  LedgerView,
  MemberView,
  DoorStaffView,
  CoHostView,
  MembershipView,
  MentorSummary,
  MentorView,
  MentoringRequestView,
  SupplyDemandView,
  MfaSetupView,
  MfaStatusView,
  MyAttendanceView,
  MyRegistrationView,
  NoShowContestView,
  OrganizationView,
  Page,
  PeriodLockView,
  RegistrantView,
  RegistrationView,
  SeriesView,
  SetupView,
  SelfCheckInCode,
  SessionLiveCount,
  NextSlotView,
  SlotView,
  TargetView,
  UserSummary,
  UserView,
  VenueView,
  DefaultSurveyView,
  EventSurveyView,
  SurveyForm,
  SurveyResponseCreated,
  SurveyResults,
  WaitingSurvey,
  EventImageUploaded,
} from '@wutong/shared';

/**
 * Every JSON body the API answers with a 2xx, by the name its schema has in the OpenAPI document.
 * `npm run openapi:schemas` turns these TypeScript types into the document's response schemas
 * (response-schemas.json), and `@Returns(name)` on a handler both documents the response and makes
 * the compiler check that the handler really returns that type.
 */
export interface ApiResponses {
  AccountPage: Page<AccountView>;
  AccountView: AccountView;
  AttendeeSearchResult: AttendeeSearchResult;
  AuditPage: AuditPage;
  AuthResponse: AuthResponse;
  SmsLoginResponse: SmsLoginResponse;
  VerifiedPhoneView: VerifiedPhoneView;
  AvailabilitySavedView: AvailabilitySavedView;
  AvailabilityView: AvailabilityView;
  BookingSuspensionView: BookingSuspensionView;
  SuspendedFounderView: SuspendedFounderView;
  CoachingRecordsView: CoachingRecordsView;
  CompanyRecordView: CompanyRecordView;
  CompanySearchEntry: CompanySearchEntry;
  BookingView: BookingView;
  CalendarTokenView: CalendarTokenView;
  CertificateCheckView: CertificateCheckView;
  CertificateView: CertificateView;
  ChangedPasswordView: ChangedPasswordView;
  CheckInResponse: CheckInResponse;
  CodeSentView: CodeSentView;
  CompanyView: CompanyView;
  DashboardView: DashboardView;
  EventAttendance: EventAttendance;
  EventMessageResponse: EventMessageResponse;
  EventMessageView: EventMessageView;
  EventPage: Page<EventSummary>;
  EventView: EventView;
  EventImageUploaded: EventImageUploaded;
  HealthView: HealthView;
  InvitationAcceptedView: InvitationAcceptedView;
  LedgerView: LedgerView;
  MemberView: MemberView;
  DoorStaffView: DoorStaffView;
  CoHostView: CoHostView;
  MembershipView: MembershipView;
  MentorInvitationView: MentorInvitationView;
  MentorSummary: MentorSummary;
  MentorView: MentorView;
  MentoringRequestView: MentoringRequestView;
  MfaSetupView: MfaSetupView;
  MfaStateView: MfaStateView;
  MfaStatusView: MfaStatusView;
  MyAttendanceView: MyAttendanceView;
  MyRegistrationView: MyRegistrationView;
  NoShowContestView: NoShowContestView;
  OrganizationView: OrganizationView;
  PasswordResetAcceptedView: PasswordResetAcceptedView;
  PasswordResetDoneView: PasswordResetDoneView;
  PeriodLockView: PeriodLockView;
  RegistrantView: RegistrantView;
  RegistrationView: RegistrationView;
  SeriesView: SeriesView;
  SetupView: SetupView;
  SelfCheckInCode: SelfCheckInCode;
  SessionLiveCount: SessionLiveCount;
  NextSlotView: NextSlotView;
  SlotView: SlotView;
  SupplyDemandView: SupplyDemandView;
  TargetView: TargetView;
  UserSummary: UserSummary;
  UserView: UserView;
  VenueView: VenueView;
  DefaultSurveyView: DefaultSurveyView;
  EventSurveyView: EventSurveyView;
  SurveyForm: SurveyForm;
  SurveyResponseCreated: SurveyResponseCreated;
  SurveyResults: SurveyResults;
  WaitingSurvey: WaitingSurvey;
}

/**
 * The new token after a password change; every other session of the account has ended, and every
 * device is forgotten but this one (its new secret in `deviceToken`).
 */
export interface ChangedPasswordView {
  accessToken: string;
  deviceToken: string;
}

/** A one-time code was mailed (or, for sign-in codes, the same answer when nothing was sent). */
export interface CodeSentView {
  accepted: true;
}

export interface HealthView {
  status: 'ok';
  database: 'up';
}

/** The mentor role granted by an invitation link: the caller's roles now. */
export interface InvitationAcceptedView {
  roles: string[];
}

/** An invitation mailed to a future mentor. */
export interface MentorInvitationView {
  email: string;
  expiresAt: string;
}

/** Two-step sign-in after turning it on or off. */
export interface MfaStateView {
  enabled: boolean;
}

/** The same answer whether or not the address has an account. */
export interface PasswordResetAcceptedView {
  accepted: true;
}

export interface PasswordResetDoneView {
  ok: true;
}

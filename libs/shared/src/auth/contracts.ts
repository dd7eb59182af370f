import type { Locale } from '../locale/locale';
import type { Role } from './roles';
import type { CompanyView, CompanyInput } from '../users/company';

export interface SignupRequest {
  email: string;
  password: string;
  displayName: string;
  locale?: Locale;
}

export interface LoginRequest {
  email: string;
  password: string;
  /** The 6-digit code of the authenticator app, for accounts with two-step sign-in. */
  otp?: string;
  /**
   * The secret this browser received at an earlier sign-in to this account (`AuthResponse.deviceToken`).
   * A recognised device still signs in while the account is closed to unknown devices after many
   * wrong passwords.
   */
  deviceToken?: string;
  /** A 6-digit sign-in code mailed by POST /auth/sign-in-code: opens a closed account to this device. */
  emailCode?: string;
}

/** Asks for a one-time sign-in code by mail (a way in from a new device while the account is closed). */
export interface SignInCodeRequest {
  email: string;
}

/** The 6-digit code mailed to confirm the account's email address. */
export interface ConfirmEmailRequest {
  code: string;
}

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetConfirmRequest {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  /** Required when the account has a password; an account made by phone sets its first one without. */
  currentPassword?: string;
  newPassword: string;
}

/** An account without a confirmed email (one made by phone) gives its address; a code is mailed. */
export interface AddEmailRequest {
  email: string;
}

export interface OrganizationMembershipView {
  id: string;
  name: string;
}

export interface UserView {
  id: string;
  /** null for an account made by phone sign-in until an email is added. */
  email: string | null;
  displayName: string;
  locale: Locale;
  timeZone: string;
  phone: string | null;
  /** The mainland mobile confirmed by a texted code (E.164, e.g. +8613800138000): signs in by phone. */
  verifiedPhone: string | null;
  roles: Role[];
  /** Carriers this user organizes (empty unless organizer). */
  organizations: OrganizationMembershipView[];
  /** Carriers whose doors this user works as door staff (empty for most). */
  doorStaffOf: OrganizationMembershipView[];
  company: CompanyView | null;
  /**
   * The account holds a verified identity (its email now; a phone confirmed by SMS counts too).
   * Registering for events and booking mentors need it.
   */
  verified: boolean;
  /** The email address was confirmed with the code mailed to it. */
  emailVerified: boolean;
  /** A password is set (an account made by phone chooses its first one without a current one). */
  hasPassword: boolean;
  createdAt: string;
}

/** An account found by e-mail (GET /api/users?email=). */
/**
 * An account found by email (GET /users?email=). Organizers get what they need to work with the
 * person (name, company); roles and two-step state are told to admins only.
 */
export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  companyName: string | null;
  /** Admins only. */
  roles?: Role[];
  /** Two-step sign-in is on: told to admins only, who can turn it off for a lost phone. */
  mfaEnabled?: boolean;
}

/** One account in the admins' list (GET /admin/users). */
export interface AccountView {
  id: string;
  /** null for an account made by phone sign-in without an email. */
  email: string | null;
  displayName: string;
  phone: string | null;
  companyName: string | null;
  /** Effective roles: founder for everyone, organizer also for members of a carrier. */
  roles: Role[];
  createdAt: string;
  /** Set while the account is deactivated (no sign-in, no session). */
  deactivatedAt: string | null;
}

export const ACCOUNT_STATUSES = ['active', 'deactivated'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface AccountListQuery {
  /** Name, email, phone (digits too) or company. */
  q?: string;
  role?: Role;
  status?: AccountStatus;
  page?: number;
}

export interface AuthResponse {
  user: UserView;
  accessToken: string;
  /**
   * A new secret that makes this browser a recognised device of the account; keep it and send it as
   * `deviceToken` with later sign-ins. Absent when the request's own device token was recognised.
   */
  deviceToken?: string;
}

/** Two-step sign-in (TOTP) as the signed-in user sees it. */
export interface MfaStatusView {
  enabled: boolean;
  /** AUTH_ADMIN_MFA=required and this account is an admin. */
  requiredForAccount: boolean;
  /** This session was opened (or confirmed) with a code. */
  sessionVerified: boolean;
}

/** A secret being set up: shown once, as text and as a QR code for the authenticator app. */
export interface MfaSetupView {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

/** Turning two-step sign-in on: a code from the app and the account's current password. */
export interface MfaEnableRequest {
  code: string;
  password: string;
}

export interface UpdateProfileRequest {
  displayName?: string;
  locale?: Locale;
  timeZone?: string;
  phone?: string | null;
  company?: CompanyInput | null;
}

/** POST /auth/sms-code and POST /me/phone: a mainland mobile, `+8613800138000` or `13800138000`. */
export interface SmsCodeRequest {
  phone: string;
  purpose: 'login';
}

/** POST /auth/sms-login: the texted code; `displayName` is needed when the number has no account yet. */
export interface SmsLoginRequest {
  phone: string;
  code: string;
  displayName?: string;
  locale?: Locale;
  /** Authenticator code, for accounts with two-step sign-in. */
  otp?: string;
}

/** POST /auth/sms-login: a session as after POST /auth/login; `created` when the number made a new account. */
export interface SmsLoginResponse extends AuthResponse {
  created: boolean;
}

export interface PhoneRequest {
  phone: string;
}

export interface PhoneConfirmRequest {
  phone: string;
  code: string;
}

/** POST /me/phone/confirm: the number now verified for the account (E.164). */
export interface VerifiedPhoneView {
  phone: string;
}

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
}

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetConfirmRequest {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface OrganizationMembershipView {
  id: string;
  name: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  timeZone: string;
  phone: string | null;
  roles: Role[];
  /** Carriers this user organizes (empty unless organizer). */
  organizations: OrganizationMembershipView[];
  company: CompanyView | null;
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

export interface AuthResponse {
  user: UserView;
  accessToken: string;
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

export interface UpdateProfileRequest {
  displayName?: string;
  locale?: Locale;
  timeZone?: string;
  phone?: string | null;
  company?: CompanyInput | null;
}

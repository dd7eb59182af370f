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

export interface AuthResponse {
  user: UserView;
  accessToken: string;
}

export interface UpdateProfileRequest {
  displayName?: string;
  locale?: Locale;
  timeZone?: string;
  phone?: string | null;
  company?: CompanyInput | null;
}

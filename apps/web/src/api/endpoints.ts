import type {
  AuthResponse,
  ChangePasswordRequest,
  LoginRequest,
  OrganizationView,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  SignupRequest,
  UpdateProfileRequest,
  UserView,
} from '@wutong/shared';
import { request } from './client';

export const authApi = {
  signup: (body: SignupRequest) =>
    request<AuthResponse>('/auth/signup', { method: 'POST', body, auth: false }),
  login: (body: LoginRequest) => request<AuthResponse>('/auth/login', { method: 'POST', body, auth: false }),
  logout: () => request<void>('/auth/logout', { method: 'POST' }),
  requestPasswordReset: (body: PasswordResetRequest) =>
    request<void>('/auth/password-reset', { method: 'POST', body, auth: false }),
  confirmPasswordReset: (body: PasswordResetConfirmRequest) =>
    request<unknown>('/auth/password-reset/confirm', { method: 'POST', body, auth: false }),
};

export const meApi = {
  get: () => request<UserView>('/me'),
  update: (body: UpdateProfileRequest) => request<UserView>('/me', { method: 'PATCH', body }),
  changePassword: (body: ChangePasswordRequest) =>
    request<{ accessToken: string }>('/me/password', { method: 'POST', body }),
};

export const organizationsApi = {
  list: () => request<OrganizationView[]>('/organizations', { auth: false }),
};

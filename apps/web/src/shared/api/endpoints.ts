import type {
  AuthResponse,
  ChangePasswordRequest,
  CompanyView,
  LoginRequest,
  OrganizationView,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  PhoneConfirmRequest,
  SignInCodeRequest,
  SmsLoginRequest,
  SmsLoginResponse,
  SignupRequest,
  UpdateCompanyRequest,
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
  requestSignInCode: (body: SignInCodeRequest) =>
    request<void>('/auth/sign-in-code', { method: 'POST', body, auth: false }),
  /** Texts a sign-in code; the answer is the same whether the number has an account or not. */
  sendSmsCode: (phone: string) =>
    request<void>('/auth/sms-code', { method: 'POST', body: { phone, purpose: 'login' }, auth: false }),
  smsLogin: (body: SmsLoginRequest) =>
    request<SmsLoginResponse>('/auth/sms-login', { method: 'POST', body, auth: false }),
};

export const meApi = {
  get: () => request<UserView>('/me'),
  update: (body: UpdateProfileRequest) => request<UserView>('/me', { method: 'PATCH', body }),
  changePassword: (body: ChangePasswordRequest) =>
    request<{ accessToken: string; deviceToken: string }>('/me/password', { method: 'POST', body }),
  addEmail: (email: string) => request<void>('/me/email', { method: 'POST', body: { email } }),
  sendEmailCode: () => request<void>('/me/email/code', { method: 'POST', body: {} }),
  confirmEmail: (code: string) => request<UserView>('/me/email/confirm', { method: 'POST', body: { code } }),
  sendPhoneCode: (phone: string) => request<void>('/me/phone', { method: 'POST', body: { phone } }),
  confirmPhone: (body: PhoneConfirmRequest) =>
    request<{ phone: string }>('/me/phone/confirm', { method: 'POST', body }),
};

export const companiesApi = {
  update: (id: string, body: UpdateCompanyRequest) =>
    request<CompanyView>(`/companies/${id}`, { method: 'PATCH', body }),
};

export const organizationsApi = {
  list: () => request<OrganizationView[]>('/organizations', { auth: false }),
};

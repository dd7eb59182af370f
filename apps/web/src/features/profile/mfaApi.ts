import type { MfaSetupView, MfaStatusView } from '@wutong/shared';
import { request } from '../../shared/api/client';

/** Two-step sign-in (TOTP) of the signed-in account. */
export const mfaApi = {
  status: () => request<MfaStatusView>('/me/mfa'),
  startSetup: () => request<MfaSetupView>('/me/mfa/totp', { method: 'POST', body: {} }),
  enable: (password: string, code: string) =>
    request<{ enabled: true }>('/me/mfa/totp/enable', { method: 'POST', body: { password, code } }),
  disable: (password: string, code: string) =>
    request<{ enabled: false }>('/me/mfa/totp/disable', { method: 'POST', body: { password, code } }),
};

/** Dispatched on `window` after this tab turned two-step sign-in on or off (the banner re-reads it). */
export const MFA_CHANGED_EVENT = 'wutong:mfa-changed';

export const SECURITY_PATH = '/profile/security';

/** The secret in groups of four, as authenticator apps show and accept it. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

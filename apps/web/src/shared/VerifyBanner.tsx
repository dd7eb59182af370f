import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { ApiError } from './api/client';
import { useAuth } from './session/auth-context';

export const VERIFY_PATH = '/verify-email';

/**
 * While the account's email is not verified: says so above every signed-in page (registering and
 * booking wait for it), with the way to the code.
 */
export function VerifyBanner() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { pathname } = useLocation();
  if (!user || user.verified || pathname === VERIFY_PATH) return null;
  return (
    <Alert
      type="info"
      showIcon
      banner
      data-testid="verify-banner"
      title={t('verify.bannerText', { email: user.email })}
      action={
        <Link to={VERIFY_PATH} data-testid="verify-banner-link">
          <Button size="small" type="primary">
            {t('verify.bannerAction')}
          </Button>
        </Link>
      }
    />
  );
}

/** Under a refusal with EMAIL_NOT_VERIFIED (registering, booking): the way to the code. */
export function VerifyLink({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'EMAIL_NOT_VERIFIED') return null;
  return (
    <Link to={VERIFY_PATH} data-testid="verify-link">
      <Button type="primary" size="small" style={{ marginBottom: 12 }}>
        {t('verify.bannerAction')}
      </Button>
    </Link>
  );
}

import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { MfaStatusView } from '@wutong/shared';
import { MFA_SETUP_REQUIRED_EVENT } from '../shared/api/client';
import { useAuth } from '../shared/session/auth-context';
import { MFA_CHANGED_EVENT, SECURITY_PATH, mfaApi } from '../features/profile/mfaApi';

/**
 * AUTH_ADMIN_MFA=required: an admin whose session has no second factor has no admin rights. Says so
 * above every signed-in page, with the way to fix it. Only admins ask for the status; anyone whose
 * request is refused with MFA_SETUP_REQUIRED is told too.
 */
export function MfaBanner() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const { pathname } = useLocation();
  const [status, setStatus] = useState<MfaStatusView | null>(null);
  const [refused, setRefused] = useState(false);
  const isAdmin = !!user?.roles.includes('admin');
  const userId = user?.id;

  useEffect(() => {
    let cancelled = false;
    const read = () => {
      mfaApi.status().then(
        (s) => {
          if (cancelled) return;
          setStatus(s);
          if (s.sessionVerified || !s.requiredForAccount) setRefused(false);
        },
        () => {
          // the banner is a hint; a failed read leaves it as it was
        },
      );
    };
    const onRefused = () => {
      setRefused(true);
      read();
    };
    if (isAdmin && userId) read();
    window.addEventListener(MFA_SETUP_REQUIRED_EVENT, onRefused);
    window.addEventListener(MFA_CHANGED_EVENT, read);
    return () => {
      cancelled = true;
      window.removeEventListener(MFA_SETUP_REQUIRED_EVENT, onRefused);
      window.removeEventListener(MFA_CHANGED_EVENT, read);
    };
  }, [isAdmin, userId]);

  const needed = status ? status.requiredForAccount && !status.sessionVerified : refused;
  if (!needed) return null;
  // Turned on, but this session was opened without a code: only a new sign-in verifies it.
  const signInAgain = !!status?.enabled;

  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="mfa-banner"
      title={signInAgain ? t('mfa.bannerSignInAgain') : t('mfa.bannerSetup')}
      action={
        signInAgain ? (
          <Button size="small" onClick={() => void logout()}>
            {t('user.logout')}
          </Button>
        ) : (
          pathname !== SECURITY_PATH && (
            <Link to={SECURITY_PATH} data-testid="mfa-banner-link">
              <Button size="small" type="primary">
                {t('mfa.bannerAction')}
              </Button>
            </Link>
          )
        )
      }
    />
  );
}

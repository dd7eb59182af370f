import { Button, Card, Flex, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { meApi } from '../../shared/api/endpoints';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { mentorsApi } from './api';

/** /mentor-invite?token=…: the signed-in visitor accepts and becomes a mentor. */
export function InviteAcceptPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { user, setUser } = useAuth();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);

  const accept = async () => {
    setState('busy');
    setError(null);
    try {
      await mentorsApi.accept(token);
      setUser(await meApi.get());
      setState('done');
    } catch (e) {
      setError(errorMessage(t, e));
      setState('idle');
    }
  };

  const next = encodeURIComponent(`/mentor-invite?token=${token}`);
  if (!user)
    return (
      <Flex justify="center">
        <Card style={{ maxWidth: 520, width: '100%' }}>
          <Result
            status="info"
            title={t('invite.title')}
            subTitle={t('invite.signInFirst')}
            extra={[
              <Link key="login" to={`/login?next=${next}`}>
                <Button type="primary">{t('common.login')}</Button>
              </Link>,
              <Link key="signup" to={`/signup?next=${next}`}>
                <Button>{t('common.signup')}</Button>
              </Link>,
            ]}
          />
        </Card>
      </Flex>
    );

  return (
    <Flex justify="center">
      <Card style={{ maxWidth: 520, width: '100%' }}>
        {state === 'done' ? (
          <Result
            status="success"
            title={t('invite.doneTitle')}
            subTitle={t('invite.doneText')}
            extra={[
              <Link key="profile" to="/me/mentor-profile">
                <Button type="primary">{t('invite.toProfile')}</Button>
              </Link>,
              <Link key="hours" to="/me/office-hours">
                <Button>{t('nav.officeHours')}</Button>
              </Link>,
            ]}
          />
        ) : (
          <Result
            status={error ? 'warning' : 'info'}
            title={t('invite.title')}
            subTitle={error ?? t('invite.text', { name: user.displayName })}
            extra={
              token ? (
                <Button
                  type="primary"
                  loading={state === 'busy'}
                  onClick={() => void accept()}
                  data-testid="accept-invite"
                >
                  {t('invite.accept')}
                </Button>
              ) : null
            }
          />
        )}
      </Card>
    </Flex>
  );
}

import { Button } from 'antd';
// App.useApp() without antd's App module (its message, modal and notification code): see app/Feedback.
import AppContext from 'antd/es/app/context';
import { GlobalOutlined } from '@ant-design/icons';
import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@wutong/shared';
import { meApi } from './api/endpoints';
import { errorMessage } from './api/errors';
import { useAuth } from './session/auth-context';
import { currentLocale, setLocale } from './i18n/index';

/** One tap to the other language; remembered on this device and, when signed in, on the account. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { user, setUser } = useAuth();
  const { message } = useContext(AppContext);
  const [busy, setBusy] = useState(false);
  const next: Locale = currentLocale() === 'zh-CN' ? 'en' : 'zh-CN';

  const change = async () => {
    await setLocale(next);
    if (!user || user.locale === next) return;
    setBusy(true);
    try {
      setUser(await meApi.update({ locale: next }));
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      loading={busy}
      onClick={() => void change()}
      aria-label={`${t('language.switch')}: ${t(`language.${next}`)}`}
      data-testid="language-switch"
      lang={next}
    >
      {t(`language.${next}`)}
    </Button>
  );
}

import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SetupView } from '@wutong/shared';
import { request } from '../../shared/api/client';
import { useLoad } from '../../shared/useLoad';

/** Warns admins when links in mail lead to localhost (PUBLIC_URL unset), and whether mail is held back. */
export function SetupNotice() {
  const { t } = useTranslation();
  const { data } = useLoad('setup', () => request<SetupView>('/setup'));
  if (!data || !data.pointsAtLocalhost) return null;
  return (
    <Alert
      type={data.reachedAs ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="setup-notice"
      title={t('admin.setup.localLinks', { url: data.publicUrl })}
      description={
        data.reachedAs ? t('admin.setup.heldBack', { host: data.reachedAs }) : t('admin.setup.setPublicUrl')
      }
    />
  );
}

import { App, Button } from 'antd';
import type { ButtonProps } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { doorErrorMessage } from '../check-in/messages';
import { attendanceApi } from './api';
import { exportFileName } from '../../shared/api/download';

/** Downloads the completion certificate (PDF) of a registration; refusals (not completed, revoked) as a message. */
export function CertificateButton({
  registrationId,
  holder,
  size,
  type,
}: {
  registrationId: string;
  holder: string;
  size?: ButtonProps['size'];
  type?: ButtonProps['type'];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size={size}
      type={type}
      icon={<SafetyCertificateOutlined />}
      loading={busy}
      data-testid="certificate-download"
      onClick={async () => {
        setBusy(true);
        try {
          await attendanceApi.downloadCertificate(
            registrationId,
            exportFileName([t('attendance.certificate.fileName'), holder], 'pdf'),
          );
        } catch (error) {
          void message.error(doorErrorMessage(t, error));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('attendance.certificate.download')}
    </Button>
  );
}

import { Alert, Card, Descriptions, Flex, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { CertificateCheckView } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { useLoad } from '../../shared/useLoad';
import { attendanceApi } from './api';

/**
 * /certificates/:serial: a serial typed in says whether the certificate is valid and for which event.
 * Serials follow each other, so it never says whose: the QR code on the paper does.
 */
export function CertificateCheckPage() {
  const { t } = useTranslation();
  const { serial = '' } = useParams();
  const loaded = useLoad<CertificateCheckView>(`serial:${serial}`, () => attendanceApi.check(serial));
  const cert = loaded.data;

  if (loaded.error instanceof ApiError && loaded.error.status === 404) {
    return (
      <Result
        status="error"
        title={<h1 className="wt-result-title">{t('attendance.verify.notFound')}</h1>}
        subTitle={t('attendance.verify.notFoundHint', { serial })}
        data-testid="certificate-not-found"
      />
    );
  }
  if (loaded.error !== undefined && !cert)
    return <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />;
  if (!cert) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  return (
    <Flex justify="center" className="wt-certificate-wrap">
      <Card className="wt-certificate-card" data-testid="certificate-check">
        <Result
          status={cert.valid ? 'success' : 'error'}
          title={
            <h1 className="wt-result-title">
              {cert.valid ? t('attendance.verify.valid') : t('attendance.verify.revoked')}
            </h1>
          }
          style={{ padding: '16px 0' }}
        />
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('attendance.verify.serial')}>{cert.serial}</Descriptions.Item>
          <Descriptions.Item label={t('attendance.verify.event')}>{cert.eventTitle}</Descriptions.Item>
          <Descriptions.Item label={t('attendance.verify.organization')}>
            {cert.organizationName}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('attendance.verify.scanForHolder')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}

import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { CertificateView } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { hasAnyRole, useAuth } from '../../shared/session/auth-context';
import { browserZone, formatDateTime } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { currentLocale } from '../../shared/i18n/index';
import { attendanceApi } from './api';

/** A calendar date (YYYY-MM-DD) in the reader's language, without any zone shifting it. */
function calendarDate(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/**
 * /certificates/verify/:code, what a certificate's QR opens: anyone holding the paper checks that it
 * is real and not revoked, whose it is and for how many hours.
 */
export function CertificatePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const locale = currentLocale();
  const zone = user?.timeZone ?? browserZone();
  const { code = '' } = useParams();
  const loaded = useLoad<CertificateView>(`certificate:${code}`, () => attendanceApi.verify(code));
  const cert = loaded.data;

  if (loaded.error instanceof ApiError && loaded.error.status === 404) {
    return (
      <Result
        status="error"
        title={t('attendance.verify.notFound')}
        subTitle={t('attendance.verify.notFoundCodeHint')}
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

  const days =
    cert.firstDay === cert.lastDay
      ? calendarDate(cert.firstDay, locale)
      : `${calendarDate(cert.firstDay, locale)} – ${calendarDate(cert.lastDay, locale)}`;

  return (
    <Flex justify="center" className="wt-certificate-wrap">
      <Card className="wt-certificate-card" data-testid="certificate">
        <Result
          status={cert.valid ? 'success' : 'error'}
          title={cert.valid ? t('attendance.verify.valid') : t('attendance.verify.revoked')}
          subTitle={
            cert.valid
              ? t('attendance.verify.validHint')
              : cert.revokedAt
                ? t('attendance.verify.revokedAt', { time: formatDateTime(cert.revokedAt, zone, locale) })
                : undefined
          }
          style={{ padding: '16px 0' }}
        />
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('attendance.verify.serial')}>{cert.serial}</Descriptions.Item>
          <Descriptions.Item label={t('attendance.verify.holder')}>{cert.holderName}</Descriptions.Item>
          <Descriptions.Item label={t('attendance.verify.event')}>{cert.eventTitle}</Descriptions.Item>
          <Descriptions.Item label={t('attendance.verify.organization')}>
            {cert.organizationName}
          </Descriptions.Item>
          <Descriptions.Item label={t('attendance.verify.dates')}>{days}</Descriptions.Item>
          <Descriptions.Item label={t('attendance.verify.hours')}>
            {t('attendance.verify.hoursValue', {
              hours: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(cert.hours),
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('attendance.verify.issuedAt')}>
            {formatDateTime(cert.issuedAt, zone, locale)}
          </Descriptions.Item>
        </Descriptions>
        {cert.valid && hasAnyRole(user, ['organizer', 'admin']) && (
          <Flex justify="flex-end" style={{ marginTop: 16 }}>
            <Popconfirm
              title={t('attendance.verify.revokeConfirm', { name: cert.holderName })}
              okText={t('attendance.verify.revoke')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={async () => {
                try {
                  loaded.setData(await attendanceApi.revoke(cert.serial));
                  void message.success(t('attendance.verify.revokedDone'));
                } catch (error) {
                  void message.error(errorMessage(t, error));
                }
              }}
            >
              <Button danger data-testid="revoke-certificate">
                {t('attendance.verify.revoke')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

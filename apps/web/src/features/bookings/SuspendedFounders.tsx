import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api/errors';
import { formatDate, formatNumber } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { bookingsApi } from './api';

/**
 * Founders whose no-shows keep them from booking now, at the caller's carriers (admins: all).
 * Lifting excuses the no-shows at those carriers; no-shows elsewhere may still suspend.
 */
export function SuspendedFounders({ zone }: { zone: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const { data, error, loading, reload } = useLoad('booking-suspensions', () => bookingsApi.suspended());
  const lift = async (founderId: string) => {
    setBusy(founderId);
    try {
      const left = await bookingsApi.liftSuspension(founderId);
      void message.success(
        left.suspendedUntil
          ? t('suspensions.stillSuspended', { date: formatDate(left.suspendedUntil, zone, i18n.language) })
          : t('suspensions.lifted'),
      );
      reload();
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };
  if (error) return <Alert type="error" showIcon title={errorMessage(t, error)} />;
  if (loading && !data) return <Spin />;
  if (!data?.length) return <Empty description={t('suspensions.none')} />;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('suspensions.help')}</Typography.Text>
      {data.map((f) => (
        <Card size="small" key={f.founderId} data-testid="suspended-founder">
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Flex vertical gap={2}>
              <Typography.Text strong>
                {f.displayName}
                {f.companyName ? ` · ${f.companyName}` : ''}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('suspensions.line', {
                  count: f.noShows,
                  n: formatNumber(f.noShows, i18n.language),
                  date: formatDate(f.suspendedUntil, zone, i18n.language),
                })}
              </Typography.Text>
            </Flex>
            <Popconfirm
              title={t('suspensions.liftConfirm', { name: f.displayName })}
              okText={t('suspensions.lift')}
              cancelText={t('common.cancel')}
              onConfirm={() => lift(f.founderId)}
            >
              <Button size="small" loading={busy === f.founderId} data-testid="lift-suspension">
                {t('suspensions.lift')}
              </Button>
            </Popconfirm>
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

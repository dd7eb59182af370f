import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EventSummary } from '@wutong/shared';
import { currentLocale } from '../../shared/i18n/index';
import { formatNumber } from '../../shared/format';

/** "剩余 12 / 50 席", or full (with a waitlist to join or not). */
export function Seats({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const n = (value: number) => formatNumber(value, locale);
  if (event.seatsLeft > 0) {
    return (
      <Typography.Text data-testid="seats-left">
        {t('events.seatsLeft', { left: n(event.seatsLeft), capacity: n(event.capacity) })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type="danger" data-testid="seats-left">
      {event.waitlistEnabled ? t('events.fullCanWait') : t('events.full')}
    </Typography.Text>
  );
}

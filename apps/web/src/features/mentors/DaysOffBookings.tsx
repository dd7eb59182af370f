import { Alert, App, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingOnDayOff } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { formatRange } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import { bookingsApi } from '../bookings/api';

interface Props {
  bookings: BookingOnDayOff[];
  timeZone: string;
  onClose: () => void;
}

/**
 * After saving days off: the bookings ahead that fall on them. They stay booked unless the mentor
 * cancels them here, each with the same word to its founder (sent with the cancellation mail).
 */
export function DaysOffBookings({ bookings, timeZone, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [reason, setReason] = useState<string>(t('officeHours.daysOff.defaultReason'));
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const cancelAll = async () => {
    setBusy(true);
    setFailed(null);
    let cancelled = 0;
    try {
      for (const b of bookings) {
        await bookingsApi.cancel(b.id, reason.trim());
        cancelled++;
      }
      void message.success(t('officeHours.daysOff.cancelled', { count: cancelled }));
      onClose();
    } catch (e) {
      setFailed(t('officeHours.daysOff.partly', { done: cancelled, reason: errorMessage(t, e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={bookings.length > 0}
      title={t('officeHours.daysOff.title', { count: bookings.length })}
      okText={t('officeHours.daysOff.cancelAll')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'cancel-days-off-bookings' }}
      cancelText={t('officeHours.daysOff.keep')}
      cancelButtonProps={{ disabled: busy, 'data-testid': 'keep-days-off-bookings' }}
      onOk={() => void cancelAll()}
      onCancel={onClose}
      data-testid="days-off-bookings"
    >
      <Typography.Paragraph>{t('officeHours.daysOff.text')}</Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={bookings}
        renderItem={(b) => (
          <List.Item data-testid="day-off-booking">
            <List.Item.Meta
              title={`${formatRange(b.startsAt, b.endsAt, timeZone, locale)} · ${b.founderName}`}
              description={b.topic}
            />
          </List.Item>
        )}
        style={{ marginBottom: 12 }}
      />
      <label htmlFor="days-off-reason">{t('officeHours.daysOff.reason')}</label>
      <Input.TextArea
        id="days-off-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 4 }}
        data-testid="days-off-reason"
      />
      {failed && <Alert type="error" showIcon title={failed} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

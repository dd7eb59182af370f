import { Alert, App, Descriptions, Empty, Form, Input, Modal, Radio, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { clock, dayIn, dayLabel, rangeLabel } from '../../shared/format';
import { FormDialog } from '../../shared/FormDialog';
import { useLoad } from '../../shared/useLoad';
import { mentorsApi } from '../mentors/api';
import { bookingsApi } from './api';

const DAY = 24 * 3600_000;

/** The founder's answers to the mentor's intake questions, as the booking keeps them. */
export function IntakeAnswers({ booking }: { booking: BookingView }) {
  const { t } = useTranslation();
  if (booking.intake.length === 0) return null;
  return (
    <Descriptions
      size="small"
      column={1}
      title={<Typography.Text type="secondary">{t('bookings.intakeTitle')}</Typography.Text>}
      data-testid="intake-answers"
      items={booking.intake.map((a) => ({
        key: a.questionId,
        label: a.label,
        children: /^https?:\/\//.test(a.answer) ? (
          <a href={a.answer} target="_blank" rel="noreferrer noopener">
            {a.answer}
          </a>
        ) : (
          a.answer
        ),
      }))}
    />
  );
}

/** The mentor declines a request, with an optional word the founder's mail carries. */
export function DeclineDialog({
  booking,
  onClose,
}: {
  booking: BookingView | null;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();
  if (!booking) return null;
  return (
    <FormDialog
      form={form}
      name="decline"
      title={t('bookings.declineTitle', { name: booking.founder.displayName })}
      okText={t('bookings.decline')}
      okTestId="decline-confirm"
      danger
      successText={t('bookings.declinedDone')}
      onSubmit={({ reason }) => bookingsApi.decline(booking.id, reason?.trim())}
      onClose={onClose}
    >
      <Form.Item name="reason" label={t('bookings.declineReason')}>
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('bookings.declineReasonPlaceholder')}
          data-testid="decline-reason"
        />
      </Form.Item>
    </FormDialog>
  );
}

/**
 * Either side moves a booking to another free slot of the mentor in one step: the mentor's free
 * slots of the next two weeks, by day, in the reader's zone.
 */
export function RescheduleDialog({
  booking,
  zone,
  onClose,
}: {
  booking: BookingView | null;
  zone: string;
  onClose: (saved: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const slots = useLoad(booking ? `reschedule-${booking.id}` : null, () => {
    const from = new Date();
    return mentorsApi.slots(
      booking!.mentor.id,
      from.toISOString(),
      new Date(from.getTime() + 14 * DAY).toISOString(),
    );
  });
  if (!booking) return null;
  const byDay = new Map<string, { startsAt: string; endsAt: string }[]>();
  for (const s of slots.data ?? []) {
    const day = dayIn(s.startsAt, zone);
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const submit = async () => {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      await bookingsApi.reschedule(booking.id, choice);
      void message.success(t('bookings.rescheduled'));
      setChoice(null);
      onClose(true);
    } catch (e) {
      setError(errorMessage(t, e));
      slots.reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('bookings.rescheduleTitle')}
      okText={t('bookings.rescheduleSubmit')}
      okButtonProps={{ disabled: !choice, 'data-testid': 'reschedule-confirm' } as never}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        setChoice(null);
        onClose(false);
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('bookings.rescheduleNow', {
          when: rangeLabel(booking.startsAt, booking.endsAt, zone, i18n.language),
        })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {slots.loading && !slots.data ? (
        <Spin />
      ) : byDay.size === 0 ? (
        <Empty description={t('bookings.noOtherSlot')} />
      ) : (
        <Radio.Group
          value={choice}
          onChange={(e) => setChoice(e.target.value as string)}
          style={{ display: 'flex', flexDirection: 'column', gap: 12, maxHeight: '50vh', overflowY: 'auto' }}
          data-testid="reschedule-slots"
        >
          {[...byDay].map(([day, list]) => (
            <div key={day}>
              <Typography.Text strong>{dayLabel(day, i18n.language)}</Typography.Text>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 6 }}>
                {list.map((s) => (
                  <Radio.Button key={s.startsAt} value={s.startsAt}>
                    {clock(s.startsAt, zone)}–{clock(s.endsAt, zone)}
                  </Radio.Button>
                ))}
              </div>
            </div>
          ))}
        </Radio.Group>
      )}
    </Modal>
  );
}

import { Alert, App, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { MentorView, SlotView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { bookingsApi } from '../bookings/api';
import { rangeLabel, zoneName } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { myRegistrationsApi } from '../events/api';
import { VerifyLink } from '../../shared/VerifyBanner';

interface BookingForm {
  topic: string;
  note?: string;
  intake?: Record<string, string | undefined>;
}

interface Props {
  mentor: MentorView;
  slot: SlotView | null;
  zone: string;
  onClose: (booked: boolean) => void;
}

/** Confirms a slot with a topic; a retried tap reuses the same Idempotency-Key. */
export function BookingDialog({ mentor, slot, zone, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<BookingForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // One key per opened dialog (the parent mounts it afresh for each slot): a retry never books twice.
  const [key] = useState(() => crypto.randomUUID());
  // What I already have at that time: a session of an event I registered for, or another booking.
  const mine = useLoad(slot ? `overlaps-${slot.startsAt}` : null, async () => {
    const [registrations, bookings] = await Promise.all([myRegistrationsApi.list(), bookingsApi.mine()]);
    return { registrations, bookings };
  });

  if (!slot) return null;
  const overlaps = (startsAt: string, endsAt: string) =>
    Date.parse(startsAt) < Date.parse(slot.endsAt) && Date.parse(endsAt) > Date.parse(slot.startsAt);
  const clashes = [
    ...(mine.data?.registrations ?? [])
      .filter((r) => ['confirmed', 'waitlisted', 'pending_approval'].includes(r.status))
      .flatMap((r) =>
        r.event.sessions
          .filter((s) => overlaps(s.startsAt, s.endsAt))
          .map((s) => ({ key: `s-${s.id}`, what: r.event.title, startsAt: s.startsAt, endsAt: s.endsAt })),
      ),
    ...(mine.data?.bookings ?? [])
      .filter((b) => b.status === 'confirmed' && overlaps(b.startsAt, b.endsAt))
      .map((b) => ({
        key: `b-${b.id}`,
        what: t('booking.clashBooking', {
          name: b.myRole === 'founder' ? b.mentor.displayName : b.founder.displayName,
        }),
        startsAt: b.startsAt,
        endsAt: b.endsAt,
      })),
  ];
  const submit = async (values: BookingForm) => {
    setBusy(true);
    setError(null);
    const intakeAnswers = Object.fromEntries(
      Object.entries(values.intake ?? {})
        .map(([id, answer]) => [id, answer?.trim() ?? ''])
        .filter(([, answer]) => answer !== ''),
    );
    try {
      await bookingsApi.book(
        mentor.id,
        {
          startsAt: slot.startsAt,
          topic: values.topic.trim(),
          note: values.note?.trim() || null,
          ...(mentor.intakeQuestions.length > 0 && { intakeAnswers }),
        },
        key,
      );
      void message.success(t(mentor.confirmation === 'manual' ? 'booking.requested' : 'booking.done'));
      form.resetFields();
      onClose(true);
      void navigate('/me/bookings');
    } catch (e) {
      setFailure(e);
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  // The meeting link comes with the booking; before it, only that the hour can be held online.
  const place = [mentor.location, mentor.online ? t('mentors.onlineAfterBooking') : null]
    .filter(Boolean)
    .join(' · ');

  return (
    <Modal
      open
      title={t('booking.title', { name: mentor.displayName })}
      okText={t(mentor.confirmation === 'manual' ? 'booking.submitRequest' : 'booking.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'confirm-booking' } as never}
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('booking.when')}>
          <span data-testid="booking-when">
            {rangeLabel(slot.startsAt, slot.endsAt, zone, i18n.language)}
          </span>
        </Descriptions.Item>
        {zone !== mentor.timeZone && (
          <Descriptions.Item
            label={t('booking.mentorTime', { zone: zoneName(mentor.timeZone, i18n.language) })}
          >
            {rangeLabel(slot.startsAt, slot.endsAt, mentor.timeZone, i18n.language)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('booking.where')}>{place || t('booking.placeLater')}</Descriptions.Item>
      </Descriptions>
      {mentor.confirmation === 'manual' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="booking-needs-confirmation"
          title={t('booking.needsConfirmation')}
        />
      )}
      {clashes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="booking-overlap"
          title={t('booking.clashTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {clashes.map((c) => (
                <li key={c.key}>
                  {c.what} · {rangeLabel(c.startsAt, c.endsAt, zone, i18n.language)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="booking-error" />
      )}
      <VerifyLink error={failure} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        name="booking"
        requiredMark={false}
      >
        <Form.Item
          name="topic"
          label={t('booking.topic')}
          rules={[{ required: true, whitespace: true, message: t('booking.topicRequired') }, { max: 200 }]}
        >
          <Input placeholder={t('booking.topicPlaceholder')} maxLength={200} />
        </Form.Item>
        {mentor.intakeQuestions.map((q) => (
          <Form.Item
            key={q.id}
            name={['intake', q.id]}
            label={q.label}
            rules={[
              { required: q.required, whitespace: true, message: t('booking.answerRequired') },
              ...(q.kind === 'link' ? [{ type: 'url' as const, message: t('booking.linkInvalid') }] : []),
            ]}
          >
            {q.kind === 'choice' ? (
              <Select options={(q.options ?? []).map((o) => ({ value: o, label: o }))} allowClear />
            ) : q.kind === 'link' ? (
              <Input type="url" inputMode="url" placeholder="https://" maxLength={1000} />
            ) : (
              <Input.TextArea rows={2} maxLength={1000} />
            )}
          </Form.Item>
        ))}
        <Form.Item name="note" label={t('booking.note')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('booking.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Button, Result } from 'antd';
import { ClockCircleOutlined, HourglassOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RegistrationView } from '@wutong/shared';
import { TicketQr } from '../../shared/TicketQr';
import { useAuth } from '../../shared/session/auth-context';

/** What registering led to: a ticket, a place in the waitlist, or a wait for the organizers. */
export function RegistrationOutcome({ registration }: { registration: RegistrationView }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  // Who has no confirmed email (an account made by phone) hears from us by text.
  const by = user && !user.emailVerified && user.verifiedPhone ? 'Sms' : '';
  const mine = (
    <Link to="/me/registrations" key="mine">
      <Button type="primary">{t('events.toMyRegistrations')}</Button>
    </Link>
  );

  switch (registration.status) {
    case 'confirmed':
      return (
        <Result
          status="success"
          title={t('events.outcome.confirmed')}
          subTitle={t(`events.outcome.confirmedText${by}`)}
          extra={[mine]}
          data-testid="outcome-confirmed"
        >
          {registration.ticketCode && (
            <TicketQr code={registration.ticketCode} shortCode={registration.shortCode} size={200} />
          )}
        </Result>
      );
    case 'waitlisted':
      return (
        <Result
          icon={<HourglassOutlined style={{ color: '#1677ff' }} />}
          title={t('events.outcome.waitlisted', { position: registration.waitlistPosition ?? '?' })}
          subTitle={t(`events.outcome.waitlistedText${by}`)}
          extra={[mine]}
          data-testid="outcome-waitlisted"
        />
      );
    case 'pending_approval':
      return (
        <Result
          icon={<ClockCircleOutlined style={{ color: '#faad14' }} />}
          title={t('events.outcome.pending')}
          subTitle={t(`events.outcome.pendingText${by}`)}
          extra={[mine]}
          data-testid="outcome-pending"
        />
      );
    default:
      return <Result status="info" title={t(`registrationStatus.${registration.status}`)} extra={[mine]} />;
  }
}

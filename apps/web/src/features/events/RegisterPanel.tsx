import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { CalendarOutlined, PictureOutlined, SettingOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { EventView, RegistrationView } from '@wutong/shared';
import { useAuth } from '../../shared/session/auth-context';
import { currentLocale } from '../../shared/i18n/index';
import { eventsApi } from './api';
import { RegistrationStatusTag } from './EventTags';
import { RegisterDialog } from './RegisterDialog';
import { Seats } from './Seats';
import { formatDateTime } from '../../shared/format';

const ACTIVE = ['confirmed', 'waitlisted', 'pending_approval'];

function WindowText({ event, zone }: { event: EventView; zone: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { registrationOpensAt: opens, registrationClosesAt: closes } = event;
  if (!opens && !closes) return <>{t('events.windowAlways')}</>;
  return (
    <>
      {opens && <div>{t('events.windowOpens', { time: formatDateTime(opens, zone, locale) })}</div>}
      {closes && <div>{t('events.windowCloses', { time: formatDateTime(closes, zone, locale) })}</div>}
    </>
  );
}

function closedReason(event: EventView): string {
  if (event.status === 'cancelled') return 'events.cancelledNotice';
  if (event.status === 'draft') return 'events.draftNotice';
  if (event.registrationOpensAt && new Date(event.registrationOpensAt) > new Date())
    return 'events.notOpenYet';
  return 'events.registrationEnded';
}

interface Props {
  event: EventView;
  onRegistered: (registration: RegistrationView) => void;
}

/** Seats, the registration window and what the reader can do: register, see their status, manage. */
export function RegisterPanel({ event, onRegistered }: Props) {
  const { t } = useTranslation();
  const { status } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(false);
  const mine =
    event.myRegistration && ACTIVE.includes(event.myRegistration.status) ? event.myRegistration : null;
  const full = event.seatsLeft <= 0;
  const canStart = event.registrationOpen && !mine && (!full || event.waitlistEnabled);

  // Back from signing in (`?register=1`): the registration form opens by itself, so a founder goes
  // from the event to "registered" in three screens — the event, the sign-in, the form. Decided
  // while rendering (once), the address tidied after.
  const resume = params.get('register') === '1' && status === 'authenticated';
  const [resumed, setResumed] = useState(false);
  if (resume && !resumed) {
    setResumed(true);
    if (canStart) setOpen(true);
  }
  useEffect(() => {
    if (!resume) return;
    setParams(
      (p) => {
        p.delete('register');
        return p;
      },
      { replace: true },
    );
  }, [resume, setParams]);

  const start = () => {
    if (status !== 'authenticated') {
      void navigate(`/login?next=${encodeURIComponent(`${location.pathname}?register=1`)}`);
      return;
    }
    setOpen(true);
  };

  return (
    <Card size="small" className="wt-register-panel" data-testid="register-panel">
      <Flex vertical gap={12}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('events.seats')}>
            <Seats event={event} />
          </Descriptions.Item>
          {event.waitlistEnabled && (full || event.waitlistCount > 0) && (
            <Descriptions.Item label={t('events.waitlist')}>
              {t('events.waitlistCount', { count: event.waitlistCount })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('events.window')}>
            <div>
              <WindowText event={event} zone={event.timeZone} />
            </div>
          </Descriptions.Item>
        </Descriptions>
        {event.approvalRequired && <Alert type="info" showIcon title={t('events.approvalNote')} />}
        {mine ? (
          <Flex vertical gap={8} data-testid="my-registration">
            <span>
              {t('events.yourRegistration')} <RegistrationStatusTag status={mine.status} />
            </span>
            {mine.status === 'waitlisted' && (
              <Typography.Text strong>
                {t('events.waitlistPosition', { position: mine.waitlistPosition ?? '?' })}
              </Typography.Text>
            )}
            <Link to="/me/registrations">
              <Button block>{t('events.toMyRegistrations')}</Button>
            </Link>
          </Flex>
        ) : event.registrationOpen ? (
          <Button
            type="primary"
            size="large"
            block
            disabled={full && !event.waitlistEnabled}
            onClick={start}
            data-testid="register-button"
          >
            {full
              ? event.waitlistEnabled
                ? t('events.joinWaitlist')
                : t('events.full')
              : status === 'authenticated'
                ? t('events.register')
                : t('events.loginToRegister')}
          </Button>
        ) : (
          <Typography.Text type="secondary" data-testid="registration-closed">
            {t(closedReason(event))}
          </Typography.Text>
        )}
        {event.status === 'published' && (
          <a href={eventsApi.calendarUrl(event.id)} download data-testid="add-to-calendar">
            <Button icon={<CalendarOutlined />} block>
              {t('events.addToCalendar')}
            </Button>
          </a>
        )}
        {event.status === 'published' && (
          <a href={eventsApi.posterUrl(event.id)} download="poster.png" data-testid="event-poster">
            <Button icon={<PictureOutlined />} block>
              {t('events.poster')}
            </Button>
          </a>
        )}
        {event.canManage && (
          <Link to={`/manage/events/${event.id}`}>
            <Button icon={<SettingOutlined />} block>
              {t('events.manage')}
            </Button>
          </Link>
        )}
      </Flex>
      {open && (
        <RegisterDialog
          event={event}
          open={open}
          onClose={() => setOpen(false)}
          onRegistered={onRegistered}
        />
      )}
    </Card>
  );
}

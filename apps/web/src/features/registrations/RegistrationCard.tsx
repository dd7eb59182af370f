import { App, Button, Card, Collapse, Flex, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined, GlobalOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatShortCode } from '@wutong/shared';
import type { MyRegistrationView, RegistrationView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { myRegistrationsApi } from '../events/api';
import { EventTypeTag, RegistrationStatusTag } from '../events/EventTags';
import { formatRange } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import { TicketQr } from '../../shared/TicketQr';

const CANCELLABLE = ['confirmed', 'waitlisted', 'pending_approval'];

interface Props {
  registration: MyRegistrationView;
  /** The ticket's QR shown at once (the soonest event); otherwise one tap away. */
  ticketOpen?: boolean;
  onChanged: (registration: RegistrationView) => void;
}

/** One of my registrations: the event, my status, the ticket, and cancelling. */
export function RegistrationCard({ registration, onChanged, ticketOpen = true }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { event } = registration;
  const locale = currentLocale();
  const ended = new Date(event.endsAt) < new Date();
  const canCancel = CANCELLABLE.includes(registration.status) && !ended && event.status !== 'cancelled';

  const cancel = () => {
    modal.confirm({
      title: t('registrations.cancelTitle'),
      content: t('registrations.cancelText', { title: event.title }),
      okText: t('registrations.cancelOk'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-cancel-registration' },
      cancelText: t('registrations.keep'),
      onOk: async () => {
        setBusy(true);
        try {
          onChanged(await myRegistrationsApi.cancel(registration.id));
          void message.success(t('registrations.cancelled'));
        } catch (e) {
          void message.error(errorMessage(t, e));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <Card size="small" data-testid="my-registration-card">
      <Flex vertical gap={8}>
        <Space size={4} wrap>
          <EventTypeTag type={event.type} />
          {ended && registration.status === 'confirmed' && event.status !== 'cancelled' ? (
            <Tag
              color={registration.attendedSessions > 0 ? 'success' : 'default'}
              data-testid="registration-status"
            >
              {registration.attendedSessions === 0
                ? t('registrations.noShow')
                : event.sessionCount > 1
                  ? t('registrations.attendedOf', {
                      attended: registration.attendedSessions,
                      count: event.sessionCount,
                    })
                  : t('registrations.attended')}
            </Tag>
          ) : (
            <RegistrationStatusTag status={registration.status} />
          )}
          {event.status === 'cancelled' && (
            <Typography.Text type="danger">{t('registrations.eventCancelled')}</Typography.Text>
          )}
        </Space>
        <Link to={`/events/${event.id}`} className="wt-event-title">
          {event.title}
        </Link>
        <Typography.Text type="secondary">
          <ClockCircleOutlined /> {formatRange(event.startsAt, event.endsAt, event.timeZone, locale)}
          {event.sessionCount > 1 && ` · ${t('events.sessionCount', { count: event.sessionCount })}`}
        </Typography.Text>
        <Typography.Text type="secondary">
          {event.venue ? (
            <>
              <EnvironmentOutlined /> {event.venue.name}
              {event.venue.address && ` · ${event.venue.address}`}
            </>
          ) : (
            <>
              <GlobalOutlined /> {t('events.online')}
            </>
          )}
        </Typography.Text>
        {registration.status === 'waitlisted' && (
          <Typography.Text strong>
            {t('events.waitlistPosition', { position: registration.waitlistPosition ?? '?' })}
          </Typography.Text>
        )}
        {registration.status === 'pending_approval' && (
          <Typography.Text type="secondary">{t('events.outcome.pendingText')}</Typography.Text>
        )}
        {/* The ticket is for the door: once the event is over it is not shown any more. */}
        {registration.status === 'confirmed' && registration.ticketCode && !ended && (
          <Collapse
            size="small"
            defaultActiveKey={ticketOpen ? ['ticket'] : []}
            items={[
              {
                key: 'ticket',
                label: registration.shortCode
                  ? t('registrations.ticketWithCode', { code: formatShortCode(registration.shortCode) })
                  : t('registrations.ticket'),
                children: (
                  <Flex vertical align="center" gap={4}>
                    <TicketQr code={registration.ticketCode} shortCode={registration.shortCode} />
                    <Typography.Text type="secondary">{t('registrations.ticketHelp')}</Typography.Text>
                  </Flex>
                ),
              },
            ]}
          />
        )}
        {canCancel && (
          <div>
            <Button danger loading={busy} onClick={cancel} data-testid="cancel-registration">
              {t('registrations.cancel')}
            </Button>
          </div>
        )}
      </Flex>
    </Card>
  );
}

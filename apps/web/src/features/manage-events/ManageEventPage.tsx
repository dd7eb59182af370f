import { Alert, Button, Card, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  ArrowLeftOutlined,
  BarChartOutlined,
  MessageOutlined,
  QrcodeOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { EventMessageView, EventView } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { FullPageSpinner, NotFoundPage } from '../../shared/StatusPages';
import { eventsApi } from '../events/api';
import { EventSessions } from '../events/EventSessions';
import { EventStatusTag, EventTypeTag } from '../events/EventTags';
import { eventMessagesApi } from '../event-messages/api';
import { MessageDialog } from '../event-messages/MessageDialog';
import { SentMessages } from '../event-messages/SentMessages';
import { useLoad } from '../../shared/useLoad';
import { CapacityEditor } from './CapacityEditor';
import { CoHostsCard } from './CoHostsCard';
import { EventImagesCard } from '../event-images/EventImagesCard';
import { EventActions } from './EventActions';
import { RegistrantsTable } from './RegistrantsTable';
import { SeriesCard } from './SeriesCard';

/** One event for its organizers: status and actions, seats, sessions and the registrant list. */
export function ManageEventPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad<EventView>(id, () => eventsApi.get(id));
  const event = loaded.data?.id === id ? loaded.data : undefined;
  const messages = useLoad<EventMessageView[]>(id, () => eventMessagesApi.list(id));
  const [messaging, setMessaging] = useState(false);

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  if (loaded.error !== undefined && !event)
    return <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />;
  if (!event) return <FullPageSpinner />;

  return (
    <Flex vertical gap={16} className="wt-page-wide" data-testid="manage-event">
      <Link to="/manage/events">
        <ArrowLeftOutlined /> {t('manageEvents.backToList')}
      </Link>
      <div>
        <Space size={4} wrap>
          <EventTypeTag type={event.type} />
          <EventStatusTag status={event.status} />
          <Typography.Text type="secondary">{event.organizationName}</Typography.Text>
        </Space>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: '8px 0 0' }}>
          {event.title}
        </Typography.Title>
      </div>
      {event.status === 'draft' && <Alert type="info" showIcon title={t('manageEvents.draftHint')} />}
      <EventActions event={event} onChanged={loaded.setData} onSeriesCreated={loaded.reload} />
      {event.status !== 'draft' && event.status !== 'cancelled' && (
        <Space wrap>
          <Link to={`/check-in?event=${event.id}`}>
            <QrcodeOutlined /> {t('attendance.toDoor')}
          </Link>
          <Link to={`/manage/events/${event.id}/attendance`}>
            <BarChartOutlined /> {t('attendance.title')}
          </Link>
          <Link to={`/manage/events/${event.id}/survey`} data-testid="event-survey-link">
            <SmileOutlined /> {t('surveys.event.link')}
          </Link>
          <Button icon={<MessageOutlined />} onClick={() => setMessaging(true)} data-testid="message-event">
            {t('eventMessages.action')}
          </Button>
        </Space>
      )}
      {messaging && (
        <MessageDialog event={event} onClose={() => setMessaging(false)} onSent={messages.reload} />
      )}
      {event.seriesId && (
        <SeriesCard
          key={`${event.seriesId}:${event.status}`}
          seriesId={event.seriesId}
          currentId={event.id}
          onChanged={loaded.reload}
        />
      )}
      <Card size="small" title={t('manageEvents.seats')}>
        <CapacityEditor key={event.capacity} event={event} onChanged={loaded.setData} />
      </Card>
      <Card size="small" title={t('events.sessions', { count: event.sessions.length })}>
        <EventSessions sessions={event.sessions} timeZone={event.timeZone} viewerZone={event.timeZone} />
      </Card>
      {event.canManage && <EventImagesCard event={event} onChanged={loaded.reload} />}
      {event.canManage && <CoHostsCard key={event.id} event={event} />}
      <Card size="small" title={t('manageEvents.registrants')} id="registrants">
        <RegistrantsTable event={event} onSeatsChanged={loaded.reload} />
      </Card>
      {event.status !== 'draft' && (
        <Card size="small" title={t('eventMessages.list')} id="messages">
          <SentMessages loaded={messages} timeZone={event.timeZone} />
        </Card>
      )}
    </Flex>
  );
}

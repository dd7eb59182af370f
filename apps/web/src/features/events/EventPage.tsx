import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { EventView } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { FullPageSpinner, NotFoundPage } from '../../shared/StatusPages';
import { useAuth } from '../../shared/session/auth-context';
import { eventsApi } from './api';
import { EventSessions } from './EventSessions';
import { EventGallery } from '../event-images/EventGallery';
import { EventPicture } from '../event-images/EventPicture';
import { EventStatusTag, EventTypeTag } from './EventTags';
import { RegisterPanel } from './RegisterPanel';
import { viewerTimeZone } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { takeOver } from '../../shared/ssr';

function Where({ event }: { event: EventView }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('events.carrier')}>{event.organizationName}</Descriptions.Item>
      {event.venue && (
        <Descriptions.Item label={t('events.venue')}>
          <div>
            <div>{event.venue.name}</div>
            {event.venue.address && <Typography.Text type="secondary">{event.venue.address}</Typography.Text>}
          </div>
        </Descriptions.Item>
      )}
      {event.online && (
        <Descriptions.Item label={t('events.onlineLink')}>
          {event.onlineUrl ? (
            <Typography.Link
              href={event.onlineUrl}
              target="_blank"
              rel="noreferrer"
              style={{ wordBreak: 'break-all' }}
              data-testid="online-link"
            >
              {event.onlineUrl}
            </Typography.Link>
          ) : (
            <Typography.Text type="secondary" data-testid="online-link-hidden">
              {t('events.onlineLinkAfterRegistration')}
            </Typography.Text>
          )}
        </Descriptions.Item>
      )}
      {event.speakers.length > 0 && (
        <Descriptions.Item label={t('events.speakers')}>
          <Space size={[4, 4]} wrap>
            {event.speakers.map((s) => (
              <Tag key={s.id} color="green">
                {s.displayName}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** One event: what, when, where, seats, and registering for it. */
export function EventPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user, status } = useAuth();
  // Reload once the session is known: the answer carries the reader's own registration.
  const loaded = useLoad<EventView>(status === 'loading' ? null : `${id}:${status}`, () => eventsApi.get(id));
  const event = loaded.data?.id === id ? loaded.data : undefined;
  // The server drew this event already: swap in once this page can show it (or say what went wrong).
  const drawn = event !== undefined || loaded.error !== undefined;
  useEffect(() => {
    if (drawn) takeOver();
  }, [drawn]);

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  if (loaded.error !== undefined && !event) {
    return (
      <Alert
        type="error"
        showIcon
        title={errorMessage(t, loaded.error)}
        action={<Button onClick={loaded.reload}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!event) return <FullPageSpinner />;

  return (
    <Flex vertical gap={16} className="wt-page-wide" data-testid="event-page">
      <Link to="/events">
        <ArrowLeftOutlined /> {t('events.backToList')}
      </Link>
      <div>
        <Space size={4} wrap>
          <EventTypeTag type={event.type} />
          {event.status !== 'published' && <EventStatusTag status={event.status} />}
        </Space>
        <Typography.Title
          level={1}
          className="wt-page-title"
          style={{ margin: '8px 0 0' }}
          data-testid="event-title"
        >
          {event.title}
        </Typography.Title>
      </div>
      {event.cover && (
        <EventPicture
          src={event.cover.url}
          draft={event.status === 'draft'}
          alt={t('eventImages.coverAlt', { title: event.title })}
          style={{ width: '100%', maxHeight: 360, objectFit: 'cover', borderRadius: 8 }}
          testId="event-cover"
        />
      )}
      {event.status === 'cancelled' && <Alert type="error" showIcon title={t('events.cancelledNotice')} />}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('events.sessions', { count: event.sessions.length })}>
              <EventSessions
                sessions={event.sessions}
                timeZone={event.timeZone}
                viewerZone={viewerTimeZone(user)}
              />
            </Card>
            <Card size="small">
              <Where event={event} />
            </Card>
            <Card size="small" title={t('events.description')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {event.description}
              </Typography.Paragraph>
            </Card>
            <EventGallery event={event} />
          </Flex>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <RegisterPanel
            event={event}
            onRegistered={(registration) => {
              loaded.setData({ ...event, myRegistration: registration });
              loaded.reload();
            }}
          />
        </Col>
      </Row>
    </Flex>
  );
}

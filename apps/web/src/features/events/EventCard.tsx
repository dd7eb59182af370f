import { Card, Flex, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, ClockCircleOutlined, GlobalOutlined, HomeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EventSummary, RegistrationStatus } from '@wutong/shared';
import { currentLocale } from '../../shared/i18n/index';
import { EventTypeTag, RegistrationStatusTag } from './EventTags';
import { Seats } from './Seats';
import { formatRange } from '../../shared/format';

/** One event in the public list; `mine` marks what I registered for (my registration's status). */
export function EventCard({ event, mine }: { event: EventSummary; mine?: RegistrationStatus }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card size="small" className="wt-event-card" data-testid="event-card">
      <Flex gap={12} align="flex-start">
        {event.coverThumbnailUrl && (
          <Link to={`/events/${event.id}`} tabIndex={-1} aria-hidden className="wt-event-thumb">
            <img
              src={event.coverThumbnailUrl}
              alt=""
              loading="lazy"
              decoding="async"
              width={104}
              height={78}
            />
          </Link>
        )}
        <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Space size={4} wrap>
            <EventTypeTag type={event.type} />
            {mine && <RegistrationStatusTag status={mine} />}
            {event.registrationOpen ? (
              <Tag color="green">{t('events.open')}</Tag>
            ) : (
              <Tag>{t('events.closed')}</Tag>
            )}
            {event.approvalRequired && <Tag color="gold">{t('events.approvalTag')}</Tag>}
          </Space>
          <Link to={`/events/${event.id}`} className="wt-event-title">
            {event.title}
          </Link>
          <Typography.Text type="secondary">
            <ClockCircleOutlined /> {formatRange(event.startsAt, event.endsAt, event.timeZone, locale)}
            {event.sessionCount > 1 && ` · ${t('events.sessionCount', { count: event.sessionCount })}`}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis>
            {event.venue ? (
              <>
                <EnvironmentOutlined /> {event.venue.name}
              </>
            ) : (
              <>
                <GlobalOutlined /> {t('events.online')}
              </>
            )}
          </Typography.Text>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: '60%' }}>
              <HomeOutlined /> {event.organizationName}
            </Typography.Text>
            <Seats event={event} />
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}

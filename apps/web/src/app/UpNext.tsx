import { Card, Empty, Flex, Typography } from 'antd';
import { CalendarOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { bookingsApi } from '../features/bookings/api';
import { myRegistrationsApi } from '../features/events/api';
import { formatRange } from '../shared/format';
import { currentLocale } from '../shared/i18n/index';
import { useLoad } from '../shared/useLoad';

interface Next {
  kind: 'event' | 'booking';
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  to: string;
}

/** My next event session and my next office-hours booking, on the signed-in start page. */
export function UpNext() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { data } = useLoad('up-next', async () => {
    const now = Date.now();
    const [registrations, bookings] = await Promise.all([myRegistrationsApi.list(), bookingsApi.mine()]);
    const sessions: Next[] = registrations
      .filter((r) => r.status === 'confirmed' && r.event.status !== 'cancelled')
      .flatMap((r) =>
        r.event.sessions
          .filter((s) => Date.parse(s.endsAt) > now)
          .map((s) => ({
            kind: 'event' as const,
            title: r.event.title,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            timeZone: r.event.timeZone,
            to: `/events/${r.event.id}`,
          })),
      );
    const meetings: Next[] = bookings
      .filter((b) => b.status === 'confirmed' && Date.parse(b.endsAt) > now)
      .map((b) => ({
        kind: 'booking' as const,
        title: t('upNext.bookingWith', {
          name: b.myRole === 'founder' ? b.mentor.displayName : b.founder.displayName,
          topic: b.topic,
        }),
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        timeZone: b.timeZone,
        to: '/me/bookings',
      }));
    const first = (list: Next[]) => list.sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0] ?? null;
    return { event: first(sessions), booking: first(meetings) };
  });
  if (!data) return null;

  const line = (next: Next | null, kind: Next['kind']) => (
    <Card size="small" data-testid={`up-next-${kind}`} style={{ height: '100%' }}>
      <Typography.Text type="secondary">
        {kind === 'event' ? <CalendarOutlined /> : <TeamOutlined />}{' '}
        {t(kind === 'event' ? 'upNext.event' : 'upNext.booking')}
      </Typography.Text>
      {next ? (
        <Flex vertical>
          <Link to={next.to} className="wt-event-title">
            {next.title}
          </Link>
          <Typography.Text>{formatRange(next.startsAt, next.endsAt, next.timeZone, locale)}</Typography.Text>
        </Flex>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Link to={kind === 'event' ? '/events' : '/mentors'}>
              {t(kind === 'event' ? 'upNext.noEvent' : 'upNext.noBooking')}
            </Link>
          }
        />
      )}
    </Card>
  );

  return (
    <Flex gap={12} wrap className="wt-up-next">
      <div style={{ flex: '1 1 260px' }}>{line(data.event, 'event')}</div>
      <div style={{ flex: '1 1 260px' }}>{line(data.booking, 'booking')}</div>
    </Flex>
  );
}

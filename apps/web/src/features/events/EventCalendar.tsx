import { Alert, Badge, Calendar, Card, Empty, Flex, Grid, List, Spin, Typography } from 'antd';
import type { CalendarProps } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EventSummary } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { currentLocale } from '../../shared/i18n/index';
import { eventsApi } from './api';
import type { Filters } from './EventFilters';
import { EventTypeTag, eventTypeColor } from './EventTags';
import { dayIn, formatRange } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';

/** How many events one month may show; a base holds far fewer. */
const MONTH_LIMIT = 100;

/** The list filters the calendar keeps (its dates are the month's). */
function filterQuery(filters: Filters) {
  return { q: filters.q, type: filters.type, organizationId: filters.organizationId };
}

function byDay(events: EventSummary[], timeZone: string): Map<string, EventSummary[]> {
  const days = new Map<string, EventSummary[]>();
  for (const event of events) {
    const day = dayIn(event.startsAt, timeZone);
    days.set(day, [...(days.get(day) ?? []), event]);
  }
  return days;
}

/** The month of published events, by the day they start in the reader's zone. */
export function EventCalendar({ filters, timeZone }: { filters: Filters; timeZone: string }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = screens.md === true;
  const [chosen, setChosen] = useState<Dayjs | null>(null);
  // Opening on a month with nothing left in it helps nobody: open on the month of the next event.
  const nextQuery = { ...filterQuery(filters), page: 1, pageSize: 1 };
  const next = useLoad(`next:${JSON.stringify(nextQuery)}`, () => eventsApi.list(nextQuery));
  const nextEvent = next.data?.items[0];
  const thisMonth = dayjs().tz(timeZone).format('YYYY-MM');
  const nextStart = nextEvent ? dayjs(nextEvent.startsAt).tz(timeZone) : null;
  const jumped = chosen === null && nextStart !== null && nextStart.format('YYYY-MM') > thisMonth;
  const selected =
    chosen ?? (jumped ? dayjs(nextStart!.format('YYYY-MM-DD')) : next.data || next.error ? dayjs() : null);
  const gridStart = (selected ?? dayjs()).startOf('month').startOf('week');
  const query = {
    ...filterQuery(filters),
    from: dayjs.tz(gridStart.format('YYYY-MM-DD'), timeZone).toISOString(),
    to: dayjs.tz(gridStart.add(42, 'day').format('YYYY-MM-DD'), timeZone).toISOString(),
    page: 1,
    pageSize: MONTH_LIMIT,
  };
  const month = useLoad(selected ? JSON.stringify(query) : null, () => eventsApi.list(query));
  const days = byDay(month.data?.items ?? [], timeZone);

  const cellRender: CalendarProps<Dayjs>['cellRender'] = (date, info) => {
    if (info.type !== 'date') return info.originNode;
    const events = days.get(date.format('YYYY-MM-DD')) ?? [];
    if (events.length === 0) return null;
    if (!wide)
      return <span className="wt-cal-dot" aria-label={t('events.count', { count: events.length })} />;
    return (
      <ul className="wt-cal-events">
        {events.map((event) => (
          <li key={event.id}>
            <Link to={`/events/${event.id}`} title={event.title}>
              <Badge color={eventTypeColor(event.type)} text={event.title} />
            </Link>
          </li>
        ))}
      </ul>
    );
  };

  if (!selected) return <Spin data-testid="event-calendar-loading" />;
  const today = days.get(selected.format('YYYY-MM-DD')) ?? [];

  return (
    <Flex vertical gap={12} data-testid="event-calendar">
      {month.error !== undefined && <Alert type="error" showIcon title={errorMessage(t, month.error)} />}
      {jumped && <Alert type="info" showIcon data-testid="jumped-month" title={t('events.jumpedMonth')} />}
      {next.data?.items.length === 0 && (
        <Alert type="info" showIcon data-testid="no-upcoming" title={t('events.noUpcoming')} />
      )}
      <Card size="small" className="wt-calendar" styles={{ body: { padding: wide ? 12 : 4 } }}>
        <Calendar fullscreen={wide} value={selected} onChange={setChosen} cellRender={cellRender} />
      </Card>
      {!wide && (
        <Card size="small" title={selected.format(t('events.dayFormat'))}>
          {today.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.noEventsThatDay')} />
          ) : (
            <List
              dataSource={today}
              renderItem={(event) => (
                <List.Item>
                  <Flex vertical gap={2}>
                    <span>
                      <EventTypeTag type={event.type} /> <Link to={`/events/${event.id}`}>{event.title}</Link>
                    </span>
                    <Typography.Text type="secondary">
                      {formatRange(event.startsAt, event.endsAt, event.timeZone, currentLocale())}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}

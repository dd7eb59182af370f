import { Alert, Button, Col, Empty, Flex, Pagination, Row, Segmented, Skeleton, Typography } from 'antd';
import { AppstoreOutlined, CalendarOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { EVENT_TYPES, PUBLIC_EVENTS_PAGE_SIZE } from '@wutong/shared';
import type { EventListQuery, EventType } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { eventsApi, myRegistrationsApi } from './api';
import { EventCalendar } from './EventCalendar';
import { EventCard } from './EventCard';
import { EventFilters } from './EventFilters';
import type { Filters } from './EventFilters';
import { viewerTimeZone } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { takeOver } from '../../shared/ssr';

const PAGE_SIZE = PUBLIC_EVENTS_PAGE_SIZE;

function readFilters(params: URLSearchParams): Filters {
  const type = params.get('type');
  return {
    q: params.get('q') ?? undefined,
    type: type && (EVENT_TYPES as readonly string[]).includes(type) ? (type as EventType) : undefined,
    organizationId: params.get('organizationId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
}

/** The public list of published events, as cards or a month calendar. */
export function EventsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const zone = viewerTimeZone(user);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const query: EventListQuery = {
    q: filters.q,
    type: filters.type,
    organizationId: filters.organizationId,
    from: filters.from ? dayjs.tz(filters.from, zone).toISOString() : undefined,
    to: filters.to ? dayjs.tz(filters.to, zone).add(1, 'day').toISOString() : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useLoad(view === 'list' ? JSON.stringify(query) : null, () => eventsApi.list(query));
  // What I registered for (still active), marked on the cards.
  const mine = useLoad(user ? `my-registrations-${user.id}` : null, () => myRegistrationsApi.list());
  // The server drew the first page already: swap in once this one has something to show.
  const drawn = view !== 'list' || list.data !== undefined || list.error !== undefined;
  useEffect(() => {
    if (drawn) takeOver();
  }, [drawn]);
  const myStatus = new Map(
    (mine.data ?? []).filter((r) => r.status !== 'cancelled').map((r) => [r.event.id, r.status]),
  );

  return (
    <Flex vertical gap={16} className="wt-page-wide">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('events.title')}
        </Typography.Title>
        <Segmented
          value={view}
          onChange={(v) => update({ view: v === 'calendar' ? 'calendar' : undefined, page: undefined })}
          options={[
            { value: 'list', label: t('events.listView'), icon: <AppstoreOutlined /> },
            { value: 'calendar', label: t('events.calendarView'), icon: <CalendarOutlined /> },
          ]}
          data-testid="events-view"
        />
      </Flex>
      <EventFilters
        value={filters}
        showDates={view === 'list'}
        onChange={(next) => update({ ...next, page: undefined })}
      />
      {view === 'calendar' ? (
        <EventCalendar filters={filters} timeZone={zone} />
      ) : (
        <>
          {list.error !== undefined && (
            <Alert
              type="error"
              showIcon
              title={errorMessage(t, list.error)}
              action={<Button onClick={list.reload}>{t('common.retry')}</Button>}
            />
          )}
          {list.data === undefined && list.loading && <Skeleton active />}
          {list.data && list.data.items.length === 0 && (
            <Empty description={t('events.empty')} data-testid="events-empty" />
          )}
          {list.data && list.data.items.length > 0 && (
            <Row gutter={[12, 12]} data-testid="event-list" style={{ opacity: list.loading ? 0.6 : 1 }}>
              {list.data.items.map((event) => (
                <Col key={event.id} xs={24} md={12} xl={8}>
                  <EventCard event={event} mine={myStatus.get(event.id)} />
                </Col>
              ))}
            </Row>
          )}
          {list.data && list.data.total > PAGE_SIZE && (
            <Pagination
              align="center"
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              showSizeChanger={false}
              onChange={(p) => update({ page: p > 1 ? String(p) : undefined })}
            />
          )}
        </>
      )}
    </Flex>
  );
}

import { Alert, Button, Flex, Segmented, Space, Typography } from 'antd';
import { DesktopOutlined, TableOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  DOORS_OPEN_HOURS,
  doorsNotOpenYet,
  doorsOpenAt,
  type CheckInRequest,
  type CheckInResponse,
} from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useLoad } from '../../shared/useLoad';
import { ORGANIZING } from '../../shared/featureRoutes';
import { hasAnyRole, useAuth } from '../../shared/session/auth-context';
import { currentLocale } from '../../shared/i18n/index';
import { ApiError } from '../../shared/api/client';
import { checkInApi } from './api';
import { CameraScanner } from './CameraScanner';
import { defaultSession, EventSessionPicker } from './EventSessionPicker';
import { Feedback } from './Feedback';
import type { DoorResult } from './Feedback';
import { LiveCount } from './LiveCount';
import { doorErrorMessage } from './messages';
import { RecentCheckIns } from './RecentCheckIns';
import { SearchPanel } from './SearchPanel';
import { SignInSheetButtons } from './SignInSheetButtons';
import { isToday, shortDate, shortDateTime } from '../../shared/format';
import { TicketCodeForm } from './TicketCodeForm';
import { ticketCodeFrom } from './qr-decoder';
import { usePolling } from './usePolling';
import { WalkInForm } from './WalkInForm';

type Mode = 'scan' | 'code' | 'search' | 'walkIn';

const POLL_MS = 3000;
/** Events ending at most this long ago are offered at the door (backfilling a recent one). */
const PAST_DAYS = 30;

/** Maps an answer or a refusal of POST check-ins to the door's feedback. */
export function toDoorResult(
  t: TFunction,
  outcome: { response: CheckInResponse } | { error: unknown },
): DoorResult {
  if ('response' in outcome) {
    return { kind: outcome.response.alreadyCheckedIn ? 'already' : 'success', response: outcome.response };
  }
  const { error } = outcome;
  if (error instanceof ApiError && error.code === 'TICKET_NOT_FOUND') return { kind: 'notFound' };
  if (error instanceof ApiError && error.code === 'NOT_CONFIRMED') {
    const { name, status } = error.details;
    return {
      kind: 'notConfirmed',
      name: typeof name === 'string' ? name : null,
      status: typeof status === 'string' ? status : null,
    };
  }
  return { kind: 'error', message: doorErrorMessage(t, error) };
}

/** A short buzz on phones that can: one for in, two for a problem. */
function buzz(result: DoorResult): void {
  try {
    if (result.kind === 'success') navigator.vibrate?.(80);
    else if (result.kind !== 'already') navigator.vibrate?.([60, 60, 60]);
  } catch {
    // not supported
  }
}

/** 签到: the organizers' phone-first door page for one session of an event. */
export function DoorPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const eventId = params.get('event');
  const sessionParam = params.get('session');
  const [mode, setMode] = useState<Mode>('scan');
  const [result, setResult] = useState<DoorResult | null>(null);

  const [from] = useState(() => new Date(Date.now() - PAST_DAYS * 86_400_000).toISOString());
  const events = useLoad('door-events', () => checkInApi.events(from));
  const loadedEvent = useLoad(eventId, () => checkInApi.event(eventId!));
  const event = loadedEvent.data?.id === eventId ? loadedEvent.data : undefined;
  const sessionId =
    event && sessionParam && event.sessions.some((s) => s.id === sessionParam)
      ? sessionParam
      : event
        ? defaultSession(event)
        : null;
  const session = event?.sessions.find((s) => s.id === sessionId);
  const live = usePolling(sessionId, () => checkInApi.live(sessionId!), POLL_MS);
  const refreshLive = live.refresh;

  // The only event at hand is picked for the door keeper.
  useEffect(() => {
    const items = events.data?.items.filter((e) => e.status !== 'cancelled') ?? [];
    if (!eventId && items.length === 1) setParams({ event: items[0].id }, { replace: true });
  }, [events.data, eventId, setParams]);

  const chooseEvent = (id: string) => {
    setResult(null);
    setParams({ event: id });
  };
  const chooseSession = (id: string) => {
    setResult(null);
    if (eventId) setParams({ event: eventId, session: id });
  };

  const submit = useCallback(
    async (body: CheckInRequest): Promise<DoorResult | null> => {
      if (!sessionId) return null;
      let next: DoorResult;
      try {
        next = toDoorResult(t, { response: await checkInApi.checkIn(sessionId, body) });
        refreshLive();
      } catch (error) {
        next = toDoorResult(t, { error });
      }
      setResult(next);
      buzz(next);
      return next;
    },
    [sessionId, t, refreshLive],
  );

  const onScan = useCallback(
    async (text: string) => {
      await submit({ ticketCode: ticketCodeFrom(text) });
    },
    [submit],
  );

  const items = (events.data?.items ?? []).filter((e) => e.status !== 'cancelled');
  const timeZone = event?.timeZone ?? 'Asia/Shanghai';

  return (
    <Flex vertical gap={12} className="wt-door" data-testid="door-page">
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('checkIn.title')}
      </Typography.Title>
      {events.error !== undefined && <Alert type="error" showIcon title={errorMessage(t, events.error)} />}
      <EventSessionPicker
        events={events.data ? items : undefined}
        eventId={eventId}
        event={event}
        sessionId={sessionId}
        onEvent={chooseEvent}
        onSession={chooseSession}
      />
      {loadedEvent.error !== undefined && (
        <Alert type="error" showIcon title={errorMessage(t, loadedEvent.error)} />
      )}
      {!eventId && events.data && (
        <Typography.Text type="secondary">
          {items.length === 0 ? t('checkIn.noEvents') : t('checkIn.pickEventHint')}
        </Typography.Text>
      )}
      {event && event.status === 'cancelled' && (
        <Alert type="error" showIcon title={t('checkIn.errors.EVENT_CANCELLED')} />
      )}
      {event && event.sessions.length === 0 && <Alert type="info" showIcon title={t('checkIn.noSessions')} />}
      {event && session && (
        <>
          {doorsNotOpenYet(session.startsAt) ? (
            <Alert
              type="info"
              showIcon
              title={t('checkIn.notOpenYet', {
                time: shortDateTime(
                  new Date(doorsOpenAt(session.startsAt)).toISOString(),
                  event.timeZone,
                  locale,
                ),
                hours: DOORS_OPEN_HOURS,
              })}
              data-testid="doors-not-open"
            />
          ) : (
            !isToday(session.startsAt, event.timeZone) && (
              <Alert
                type="warning"
                showIcon
                title={t('checkIn.notToday', { date: shortDate(session.startsAt, event.timeZone, locale) })}
                data-testid="not-today"
              />
            )
          )}
          <LiveCount live={live.data} error={live.error} />
          {result && <Feedback result={result} timeZone={timeZone} />}
          <Segmented<Mode>
            block
            size="large"
            value={mode}
            onChange={setMode}
            options={[
              { value: 'scan', label: t('checkIn.mode.scan') },
              { value: 'code', label: t('checkIn.mode.code') },
              { value: 'search', label: t('checkIn.mode.search') },
              { value: 'walkIn', label: t('checkIn.mode.walkIn') },
            ]}
            data-testid="door-mode"
          />
          <div className="wt-door-panel">
            {mode === 'scan' && <CameraScanner onCode={onScan} />}
            {mode === 'code' && <TicketCodeForm onSubmit={(ticketCode) => submit({ ticketCode })} />}
            {mode === 'search' && (
              <SearchPanel
                eventId={event.id}
                sessionId={session.id}
                onCheckIn={(registrationId) => submit({ registrationId })}
              />
            )}
            {mode === 'walkIn' && <WalkInForm onSubmit={(walkIn) => submit({ walkIn })} />}
          </div>
          <RecentCheckIns
            recent={live.data?.sessionId === session.id ? live.data.recent : undefined}
            timeZone={event.timeZone}
            onlyUndoBy={hasAnyRole(user, ORGANIZING) || event.canManage ? undefined : user?.id}
            onUndone={() => {
              setResult(null);
              live.refresh();
            }}
          />
          <Space wrap>
            <Link to={`/check-in/${session.id}/screen`} target="_blank" data-testid="venue-screen-link">
              <Button icon={<DesktopOutlined />}>{t('checkIn.venueScreen')}</Button>
            </Link>
            {hasAnyRole(user, ORGANIZING) && (
              <Link to={`/manage/events/${event.id}/attendance`} data-testid="attendance-link">
                <Button icon={<TableOutlined />}>{t('checkIn.attendance')}</Button>
              </Link>
            )}
            <SignInSheetButtons
              sessionId={session.id}
              eventTitle={event.title}
              startsAt={session.startsAt}
              timeZone={event.timeZone}
            />
          </Space>
        </>
      )}
    </Flex>
  );
}

import { Flex, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary, EventView } from '@wutong/shared';
import { currentLocale } from '../../shared/i18n/index';
import { dayIn, sessionLabel, shortDate } from '../../shared/format';

interface Props {
  events: EventSummary[] | undefined;
  eventId: string | null;
  event: EventView | undefined;
  sessionId: string | null;
  onEvent: (id: string) => void;
  onSession: (id: string) => void;
}

/** Today's and coming events first (soonest on top), then past ones (latest on top). */
export function orderForDoor(events: EventSummary[], now = new Date()): EventSummary[] {
  const ahead = (e: EventSummary) => dayIn(e.endsAt, e.timeZone) >= dayIn(now, e.timeZone);
  return [
    ...events.filter(ahead).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    ...events.filter((e) => !ahead(e)).sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  ];
}

/** The session a door most likely wants: the one on now, else the next one, else the last one. */
export function defaultSession(event: EventView, now = Date.now()): string | null {
  const sessions = event.sessions;
  if (sessions.length === 0) return null;
  const current = sessions.find(
    (s) => new Date(s.startsAt).getTime() - 60 * 60_000 <= now && now <= new Date(s.endsAt).getTime(),
  );
  const next = sessions.find((s) => new Date(s.startsAt).getTime() > now);
  return (current ?? next ?? sessions[sessions.length - 1]).id;
}

export function EventSessionPicker({ events, eventId, event, sessionId, onEvent, onSession }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const ordered = useMemo(() => orderForDoor(events ?? []), [events]);
  const today = new Date();

  return (
    <Flex vertical gap={8} className="wt-door-picker">
      <Select
        size="large"
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('checkIn.pickEvent')}
        loading={events === undefined}
        value={eventId ?? undefined}
        onChange={onEvent}
        options={ordered.map((e) => ({
          value: e.id,
          label:
            dayIn(e.startsAt, e.timeZone) <= dayIn(today, e.timeZone) &&
            dayIn(e.endsAt, e.timeZone) >= dayIn(today, e.timeZone)
              ? `${t('checkIn.today')} · ${e.title}`
              : `${shortDate(e.startsAt, e.timeZone, locale)} · ${e.title}`,
        }))}
        notFoundContent={t('checkIn.noEvents')}
        data-testid="pick-event"
        aria-label={t('checkIn.pickEvent')}
      />
      {event && event.id === eventId && event.sessions.length > 1 && (
        <Select
          size="large"
          placeholder={t('checkIn.pickSession')}
          value={sessionId ?? undefined}
          onChange={onSession}
          options={event.sessions.map((s, i) => ({
            value: s.id,
            label: `${s.title ?? t('checkIn.sessionN', { n: i + 1 })} · ${sessionLabel(s.startsAt, s.endsAt, event.timeZone, locale)}`,
          }))}
          data-testid="pick-session"
          aria-label={t('checkIn.pickSession')}
        />
      )}
    </Flex>
  );
}

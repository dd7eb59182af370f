import { Button, Flex, Result, Spin } from 'antd';
import type { ResultProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { CheckInResponse, EventView } from '@wutong/shared';
import { useAuth } from '../../shared/session/auth-context';
import { currentLocale } from '../../shared/i18n/index';
import { ApiError } from '../../shared/api/client';
import { checkInApi } from './api';
import { doorErrorMessage } from './messages';
import { browserZone, formatDateTime } from '../../shared/format';

type Outcome =
  | { kind: 'done'; response: CheckInResponse; event: EventView | null }
  | { kind: 'failed'; error: unknown; at: number }
  | { kind: 'noCode' };

/**
 * One POST per session and code, shared by both runs of the effect (React's strict mode runs it twice,
 * and a second POST would answer "already checked in" to someone just checked in).
 */
const attempts = new Map<string, Promise<Outcome>>();

function attempt(sessionId: string, code: string): Promise<Outcome> {
  const key = `${sessionId}:${code}`;
  let pending = attempts.get(key);
  if (!pending) {
    pending = checkInApi.selfCheckIn(sessionId, code).then(
      async (response): Promise<Outcome> => {
        // The event's title for the confirmation; the check-in stands without it.
        const event = await checkInApi.event(response.checkIn.eventId).catch(() => null);
        return { kind: 'done', response, event };
      },
      (error: unknown): Outcome => ({ kind: 'failed', error, at: Date.now() }),
    );
    attempts.set(key, pending);
    // A later visit with the same code (a rescan) asks again.
    void pending.finally(() => setTimeout(() => attempts.delete(key), 1000));
  }
  return pending;
}

/** /check-in/:sessionId?code=…: a founder scanned the venue screen and is checked in, or told why not. */
export function SelfCheckInPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const locale = currentLocale();
  const zone = user?.timeZone ?? browserZone();
  const { sessionId = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code')?.trim() ?? '';
  const [outcome, setOutcome] = useState<{ key: string; value: Outcome } | null>(null);
  const key = `${sessionId}:${code}`;

  useEffect(() => {
    if (!code) return;
    let cancelled = false;
    void attempt(sessionId, code).then((value) => {
      if (!cancelled) setOutcome({ key, value });
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId, code, key]);

  const current: Outcome | null = !code ? { kind: 'noCode' } : outcome?.key === key ? outcome.value : null;
  if (!current) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" description={t('checkIn.self.checking')} />
      </Flex>
    );
  }

  let props: ResultProps;
  if (current.kind === 'done') {
    const { response, event } = current;
    const at = formatDateTime(response.checkIn.checkedInAt, event?.timeZone ?? zone, locale);
    props = response.alreadyCheckedIn
      ? {
          status: 'info',
          title: t('checkIn.self.already'),
          subTitle: t('checkIn.self.alreadyAt', { time: at }),
        }
      : {
          status: 'success',
          title: t('checkIn.self.success'),
          subTitle: t('checkIn.self.successAt', { name: response.attendee.name, time: at }),
        };
    if (event) props.subTitle = `${event.title} · ${String(props.subTitle)}`;
  } else if (current.kind === 'noCode') {
    props = { status: 'warning', title: t('checkIn.self.noCode'), subTitle: t('checkIn.self.rescan') };
  } else {
    const { error } = current;
    const code = error instanceof ApiError ? error.code : '';
    if (code === 'CHECK_IN_CLOSED' && error instanceof ApiError) {
      const { opensAt, closesAt } = error.details;
      const open = typeof opensAt === 'string' ? opensAt : null;
      const close = typeof closesAt === 'string' ? closesAt : null;
      const early = open !== null && current.at < new Date(open).getTime();
      props = {
        status: 'warning',
        title: t(early ? 'checkIn.self.notOpen' : 'checkIn.self.closed'),
        subTitle:
          open && close
            ? t('checkIn.self.window', {
                opens: formatDateTime(open, zone, locale),
                closes: formatDateTime(close, zone, locale),
              })
            : undefined,
      };
    } else if (code === 'CHECK_IN_CODE_EXPIRED') {
      props = { status: 'warning', title: t('checkIn.self.expired'), subTitle: t('checkIn.self.rescan') };
    } else if (code === 'NOT_REGISTERED') {
      props = {
        status: 'error',
        title: t('checkIn.self.notRegistered'),
        subTitle: t('checkIn.self.notRegisteredHint'),
      };
    } else if (code === 'NOT_CONFIRMED' && error instanceof ApiError) {
      const status = typeof error.details.status === 'string' ? error.details.status : null;
      props = {
        status: 'warning',
        title: t('checkIn.self.notConfirmed'),
        subTitle: status
          ? t('checkIn.feedback.statusIs', {
              status: t(`registrationStatus.${status}`, { defaultValue: status }),
            })
          : undefined,
      };
    } else {
      props = { status: 'error', title: t('checkIn.self.failed'), subTitle: doorErrorMessage(t, error) };
    }
  }

  return (
    <Result
      {...props}
      className={`wt-self-check-in wt-self-check-in-${current.kind}`}
      data-testid="self-check-in"
      extra={
        <Flex gap={8} justify="center" wrap>
          <Link to="/me/registrations">
            <Button type={current.kind === 'done' ? 'primary' : 'default'}>
              {t('checkIn.self.myRegistrations')}
            </Button>
          </Link>
          <Link to="/me/attendance">
            <Button>{t('attendance.mine.title')}</Button>
          </Link>
        </Flex>
      }
    />
  );
}

import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { ExpandOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import type { SelfCheckInCode } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { useLoad } from '../../shared/useLoad';
import { currentLocale } from '../../shared/i18n/index';
import { checkInApi } from './api';
import { LiveCount } from './LiveCount';
import { formatDateTime, sessionLabel } from '../../shared/format';
import { usePolling } from './usePolling';

/**
 * Each code counts for a minute at most after it is fetched (less near the end of its 2-minute
 * slot), so a photo of the screen soon stops working: fetch a fresh one every 20 s, sooner when the
 * shown one has less than 40 s left.
 */
const REFRESH_MS = 20_000;
const MIN_LEFT_MS = 40_000;
const RETRY_MS = 5_000;

export function nextRefreshIn(code: SelfCheckInCode, now = Date.now()): number {
  const dueBy = new Date(code.expiresAt).getTime() - MIN_LEFT_MS;
  return Math.min(REFRESH_MS, Math.max(RETRY_MS, dueBy - now));
}

interface Shown {
  code: SelfCheckInCode;
  image: string;
}

/** Fetches the session's self check-in code, renders it as a QR image, and keeps it fresh. */
function useRotatingCode(sessionId: string): { shown?: Shown; error?: unknown } {
  const [state, setState] = useState<{ shown?: Shown; error?: unknown }>({});
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let wait = RETRY_MS;
      try {
        const code = await checkInApi.selfCheckInCode(sessionId);
        const image = await QRCode.toDataURL(code.url, { width: 1024, margin: 2, errorCorrectionLevel: 'M' });
        if (!stopped) setState({ shown: { code, image } });
        wait = nextRefreshIn(code);
      } catch (error) {
        if (!stopped) setState((previous) => ({ ...previous, error }));
      }
      if (!stopped) timer = setTimeout(() => void run(), wait);
    };
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [sessionId]);
  return state;
}

/** 现场大屏: for a projector — the event, the rotating self check-in QR code and the live count. */
export function VenueScreenPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sessionId = '' } = useParams();
  const [params] = useSearchParams();
  const eventId = params.get('event');
  const { shown, error } = useRotatingCode(sessionId);
  const live = usePolling(sessionId, () => checkInApi.live(sessionId), 3000);
  const loadedEvent = useLoad(eventId, () => checkInApi.event(eventId!));
  const event = loadedEvent.data;
  const session = event?.sessions.find((s) => s.id === sessionId);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const timeZone = event?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const notOpenYet = shown && now < new Date(shown.code.opensAt).getTime();
  const closed = shown && now > new Date(shown.code.closesAt).getTime();

  return (
    <div className="wt-venue-screen" data-testid="venue-screen">
      <Flex justify="flex-end" gap={8} className="wt-venue-tools">
        <LanguageSwitch />
        <Button
          icon={<ExpandOutlined />}
          onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
        >
          {t('checkIn.screen.fullScreen')}
        </Button>
      </Flex>
      <div className="wt-venue-body">
        <div className="wt-venue-qr">
          {shown ? (
            <img src={shown.image} alt={t('checkIn.screen.qrAlt')} data-testid="self-check-in-qr" />
          ) : (
            <Spin size="large" />
          )}
        </div>
        <Flex vertical align="center" gap={16} className="wt-venue-side">
          {event && (
            <div>
              <Typography.Title level={1} style={{ margin: 0 }} data-testid="venue-title">
                {event.title}
              </Typography.Title>
              {session && (
                <Typography.Title level={2} type="secondary" style={{ margin: '8px 0 0' }}>
                  {[session.title, sessionLabel(session.startsAt, session.endsAt, timeZone, locale)]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Title>
              )}
            </div>
          )}
          <div className="wt-venue-instruction">{t('checkIn.screen.instruction')}</div>
          {error !== undefined && !shown && <Alert type="error" showIcon title={errorMessage(t, error)} />}
          {notOpenYet && (
            <Alert
              type="info"
              showIcon
              title={t('checkIn.screen.opensAt', {
                time: formatDateTime(shown.code.opensAt, timeZone, locale),
              })}
            />
          )}
          {closed && <Alert type="warning" showIcon title={t('checkIn.screen.closed')} />}
          <LiveCount live={live.data} error={live.error} large />
          <Typography.Text type="secondary" className="wt-venue-note">
            {t('checkIn.screen.rotates')}
          </Typography.Text>
        </Flex>
      </div>
    </div>
  );
}

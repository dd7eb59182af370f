import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EventSessionView } from '@wutong/shared';
import { currentLocale } from '../../shared/i18n/index';
import { formatRange, zoneLabel, zonesDiffer } from '../../shared/format';

interface Props {
  sessions: EventSessionView[];
  /** The carrier's zone, in which the sessions are shown. */
  timeZone: string;
  viewerZone: string;
}

/** The sessions in the carrier's zone; the zone is named (with the reader's own time) when it differs. */
export function EventSessions({ sessions, timeZone, viewerZone }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const first = sessions[0]?.startsAt ?? new Date().toISOString();
  const differs = zonesDiffer(timeZone, viewerZone, first);

  return (
    <>
      {differs && (
        <Typography.Paragraph type="secondary" data-testid="zone-note">
          {t('events.zoneNote', { zone: zoneLabel(timeZone, locale, first) })}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={sessions}
        data-testid="event-sessions"
        renderItem={(session, index) => (
          <List.Item>
            <div>
              <Typography.Text strong>
                {sessions.length > 1 && `${t('events.sessionNumber', { n: index + 1 })} · `}
                {formatRange(session.startsAt, session.endsAt, timeZone, locale)}
              </Typography.Text>
              {session.title && <div>{session.title}</div>}
              {differs && (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {t('events.yourTime', {
                    time: formatRange(session.startsAt, session.endsAt, viewerZone, locale),
                  })}
                </Typography.Text>
              )}
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

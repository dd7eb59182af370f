import { Alert, Button, Card, Col, Empty, Flex, List, Row, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EventView, MyAttendanceView, MyRegistrationView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { browserZone, shortDateTime, timeOrDateTime } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { currentLocale } from '../../shared/i18n/index';
import { attendanceApi } from './api';
import { CertificateButton } from './CertificateButton';

interface EventHistory {
  eventId: string;
  title: string;
  type: string;
  organizationName: string;
  sessions: MyAttendanceView[];
  registration: MyRegistrationView | undefined;
  /** Trainings only: the event, for its session count and completion share. */
  details: EventView | undefined;
}

interface History {
  events: EventHistory[];
}

/** Sessions needed to complete, as the API counts them: ceil(share × sessions), at least 1. */
function needed(event: EventView): number {
  return Math.max(1, Math.ceil(event.completionShare * event.sessions.length - 1e-9));
}

async function loadHistory(): Promise<History> {
  const [visits, registrations] = await Promise.all([attendanceApi.mine(), attendanceApi.myRegistrations()]);
  const byEvent = new Map<string, EventHistory>();
  for (const visit of visits) {
    let entry = byEvent.get(visit.eventId);
    if (!entry) {
      entry = {
        eventId: visit.eventId,
        title: visit.eventTitle,
        type: visit.eventType,
        organizationName: visit.organizationName,
        sessions: [],
        registration: registrations.find((r) => r.eventId === visit.eventId),
        details: undefined,
      };
      byEvent.set(visit.eventId, entry);
    }
    entry.sessions.push(visit);
  }
  const events = [...byEvent.values()];
  // Trainings issue certificates: their session count and completion share decide who may download one.
  await Promise.all(
    events
      .filter((e) => e.type === 'training')
      .map(async (e) => {
        e.details = await attendanceApi.event(e.eventId).catch(() => undefined);
      }),
  );
  for (const e of events) e.sessions.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return { events };
}

/** 我的签到: the sessions a founder was checked in to, by event, with certificates of completed trainings. */
export function MyAttendancePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const locale = currentLocale();
  const loaded = useLoad('my-attendance', loadHistory);
  const events = loaded.data?.events ?? [];

  return (
    <Flex vertical gap={16} className="wt-page-wide" data-testid="my-attendance">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('attendance.mine.title')}
        </Typography.Title>
        <Link to="/me/registrations">{t('attendance.mine.toRegistrations')}</Link>
      </Flex>
      {loaded.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, loaded.error)}
          action={<Button onClick={loaded.reload}>{t('common.retry')}</Button>}
        />
      )}
      {loaded.data === undefined && loaded.loading && <Skeleton active />}
      {loaded.data && events.length === 0 && (
        <Empty description={t('attendance.mine.empty')}>
          <Link to="/events">
            <Button type="primary">{t('attendance.mine.findEvents')}</Button>
          </Link>
        </Empty>
      )}
      <Row gutter={[12, 12]}>
        {events.map((e) => {
          const zone =
            e.registration?.event.timeZone ?? e.details?.timeZone ?? user?.timeZone ?? browserZone();
          const total = e.details?.sessions.length ?? e.registration?.event.sessions.length;
          const completed = e.details ? e.sessions.length >= needed(e.details) : false;
          return (
            <Col key={e.eventId} xs={24} md={12}>
              <Card
                size="small"
                title={
                  <Link to={`/events/${e.eventId}`} className="wt-wrap-title">
                    {e.title}
                  </Link>
                }
                data-testid="attendance-card"
              >
                <Flex vertical gap={8}>
                  <Flex gap={4} wrap align="center">
                    <Tag>{t(`eventType.${e.type}`, { defaultValue: e.type })}</Tag>
                    <Typography.Text type="secondary">{e.organizationName}</Typography.Text>
                  </Flex>
                  <List
                    size="small"
                    dataSource={e.sessions}
                    renderItem={(s) => (
                      <List.Item>
                        <Flex vertical>
                          <span>
                            <CheckCircleOutlined style={{ color: '#1f7a4d' }} />{' '}
                            {s.sessionTitle ? `${s.sessionTitle} · ` : ''}
                            {shortDateTime(s.startsAt, zone, locale)}
                          </span>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('attendance.mine.checkedInAt', {
                              time: timeOrDateTime(s.checkedInAt, zone, locale),
                            })}
                          </Typography.Text>
                        </Flex>
                      </List.Item>
                    )}
                  />
                  {total !== undefined && total > 1 && (
                    <Typography.Text>
                      {t('attendance.mine.attendedOf', { attended: e.sessions.length, total })}
                    </Typography.Text>
                  )}
                  {e.type === 'training' && e.details && (
                    <Flex gap={8} align="center" wrap>
                      {completed ? (
                        <>
                          <Tag color="green">{t('attendance.completedMark')}</Tag>
                          {e.registration && (
                            <CertificateButton
                              registrationId={e.registration.id}
                              holder={user?.displayName ?? ''}
                              type="primary"
                            />
                          )}
                        </>
                      ) : (
                        <Typography.Text type="secondary">
                          {t('attendance.mine.toComplete', {
                            needed: needed(e.details),
                            total: e.details.sessions.length,
                          })}
                        </Typography.Text>
                      )}
                    </Flex>
                  )}
                </Flex>
              </Card>
            </Col>
          );
        })}
      </Row>
    </Flex>
  );
}

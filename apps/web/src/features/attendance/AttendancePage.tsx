import { Alert, App, Button, Card, Flex, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  DownloadOutlined,
  MinusOutlined,
  QrcodeOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { AttendeeAttendance, EventAttendance, EventView, SessionAttendance } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { FullPageSpinner, NotFoundPage } from '../../shared/StatusPages';
import { sessionLabel, shortDate } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { currentLocale } from '../../shared/i18n/index';
import { attendanceApi } from './api';
import { exportDay, exportFileName } from '../../shared/api/download';
import { CertificateButton } from './CertificateButton';
import { ScrollFrame } from '../../shared/ScrollHint';

/** "第 2 场" or the session's own title. */
function sessionName(t: TFunction, s: SessionAttendance, index: number): string {
  return s.title ?? t('checkIn.sessionN', { n: index + 1 });
}

/** 签到统计: per session counts and, across the sessions, who attended and who completed. */
export function AttendancePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const loadedEvent = useLoad<EventView>(id, () => attendanceApi.event(id));
  const loaded = useLoad<EventAttendance>(id, () => attendanceApi.attendance(id));
  const [q, setQ] = useState('');
  const [exporting, setExporting] = useState(false);
  const event = loadedEvent.data?.id === id ? loadedEvent.data : undefined;
  const attendance = loaded.data?.eventId === id ? loaded.data : undefined;

  const attendees = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = attendance?.attendees ?? [];
    if (!needle) return all;
    return all.filter((a) => [a.name, a.companyName, a.phone].some((v) => v?.toLowerCase().includes(needle)));
  }, [attendance, q]);

  const error = loadedEvent.error ?? loaded.error;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error !== undefined && (!event || !attendance))
    return <Alert type="error" showIcon title={errorMessage(t, error)} />;
  if (!event || !attendance) return <FullPageSpinner />;

  const zone = event.timeZone;
  const multi = attendance.sessions.length > 1;
  const certificates = event.type === 'training';
  const completedCount = attendance.attendees.filter((a) => a.completed).length;

  const sessionColumns: TableColumnsType<SessionAttendance> = [
    {
      title: t('attendance.session'),
      key: 'session',
      render: (_, s, i) => (
        <Flex vertical>
          <Typography.Text strong>{sessionName(t, s, i)}</Typography.Text>
          <Typography.Text type="secondary">
            {sessionLabel(s.startsAt, s.endsAt, zone, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('attendance.registered'), dataIndex: 'registered', align: 'right' },
    // The door's words for the same numbers: registrants checked in, walk-ins, and everyone present.
    {
      title: t('attendance.checkedIn'),
      key: 'registeredPresent',
      align: 'right',
      render: (_, s) => s.checkedIn - s.walkIns,
    },
    { title: t('attendance.walkIns'), dataIndex: 'walkIns', align: 'right' },
    { title: t('attendance.presentTotal'), dataIndex: 'checkedIn', align: 'right' },
    {
      title: t('attendance.noShows'),
      dataIndex: 'noShows',
      align: 'right',
      render: (value: number | null) =>
        value === null ? (
          <Tooltip title={t('attendance.noShowsLater')}>
            <Typography.Text type="secondary">—</Typography.Text>
          </Tooltip>
        ) : (
          value
        ),
    },
  ];

  const attendeeColumns: TableColumnsType<AttendeeAttendance> = [
    {
      title: t('attendance.attendee'),
      key: 'name',
      fixed: 'left',
      render: (_, a) => (
        <Flex vertical>
          <span>
            {a.name} {a.kind === 'walk_in' && <Tag color="purple">{t('checkIn.feedback.walkIn')}</Tag>}
          </span>
          {(a.companyName || a.phone) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[a.companyName, a.phone].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(multi
      ? attendance.sessions.map((s, i) => ({
          title: (
            <Tooltip title={sessionLabel(s.startsAt, s.endsAt, zone, locale)}>
              {s.title ?? shortDate(s.startsAt, zone, locale)}
            </Tooltip>
          ),
          key: s.sessionId,
          align: 'center' as const,
          render: (_: unknown, a: AttendeeAttendance) =>
            a.sessionIds.includes(s.sessionId) ? (
              <CheckOutlined
                style={{ color: '#1f7a4d' }}
                aria-label={t('attendance.present', { session: sessionName(t, s, i) })}
              />
            ) : (
              <MinusOutlined style={{ color: '#bbb' }} aria-label={t('attendance.absent')} />
            ),
        }))
      : []),
    {
      title: t('attendance.attended'),
      key: 'attended',
      align: 'right',
      render: (_, a) => `${a.attended} / ${attendance.sessions.length}`,
      sorter: (a, b) => a.attended - b.attended,
    },
    {
      title: t('attendance.completed'),
      key: 'completed',
      align: 'center',
      render: (_, a) =>
        a.completed ? (
          <Tag color="green" data-testid="completed-mark">
            {t('attendance.completedMark')}
          </Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
      filters: [
        { text: t('attendance.completedMark'), value: true },
        { text: t('attendance.notCompleted'), value: false },
      ],
      onFilter: (value, a) => a.completed === value,
    },
    ...(certificates
      ? [
          {
            title: t('attendance.certificate.title'),
            key: 'certificate',
            render: (_: unknown, a: AttendeeAttendance) =>
              a.completed && a.registrationId ? (
                <CertificateButton registrationId={a.registrationId} holder={a.name} size="small" />
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} className="wt-page-wide" data-testid="attendance-page">
      <Link to={`/manage/events/${event.id}`}>
        <ArrowLeftOutlined /> {t('attendance.backToEvent')}
      </Link>
      <div>
        <Typography.Text type="secondary">{event.organizationName}</Typography.Text>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: '4px 0 0' }}>
          {t('attendance.title')} · {event.title}
        </Typography.Title>
      </div>
      <Space wrap>
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          loading={exporting}
          data-testid="attendance-csv"
          onClick={async () => {
            setExporting(true);
            try {
              await attendanceApi.downloadCsv(
                event.id,
                exportFileName(
                  [t('attendance.csvName'), event.title, exportDay(event.startsAt, event.timeZone)],
                  'csv',
                ),
              );
            } catch (e) {
              void message.error(errorMessage(t, e));
            } finally {
              setExporting(false);
            }
          }}
        >
          {t('attendance.exportCsv')}
        </Button>
        <Link to={`/check-in?event=${event.id}`}>
          <Button icon={<QrcodeOutlined />}>{t('attendance.toDoor')}</Button>
        </Link>
        <Button onClick={() => loaded.reload()}>{t('attendance.refresh')}</Button>
      </Space>
      <Card size="small" title={t('attendance.perSession')}>
        <ScrollFrame label={t('attendance.perSession')}>
          <Table<SessionAttendance>
            rowKey="sessionId"
            size="small"
            pagination={false}
            columns={sessionColumns}
            dataSource={attendance.sessions}
            scroll={{ x: 'max-content' }}
            data-testid="session-table"
          />
        </ScrollFrame>
      </Card>
      <Card size="small" title={t('attendance.perAttendee')}>
        <Flex vertical gap={8}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Input.Search
              allowClear
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('attendance.filter')}
              style={{ maxWidth: 320 }}
            />
            <Flex vertical>
              <Typography.Text>
                {t('attendance.summary', { people: attendance.attendees.length, completed: completedCount })}
              </Typography.Text>
              <Typography.Text type="secondary" data-testid="completion-rule">
                {t('attendance.rule', {
                  needed: attendance.sessionsToComplete,
                  total: attendance.sessions.length,
                  share: Math.round(attendance.completionShare * 100),
                })}
              </Typography.Text>
            </Flex>
          </Flex>
          <ScrollFrame label={t('attendance.perAttendee')}>
            <Table<AttendeeAttendance>
              rowKey={(a) => a.registrationId ?? `walk-in:${a.name}:${a.phone ?? ''}`}
              size="small"
              columns={attendeeColumns}
              dataSource={attendees}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('attendance.noAttendees') }}
              data-testid="attendee-table"
            />
          </ScrollFrame>
        </Flex>
      </Card>
    </Flex>
  );
}

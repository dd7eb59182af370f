import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Rate,
  Segmented,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { NO_SHOW_EARLIEST_MINUTES, type BookingView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { FormDialog } from '../../shared/FormDialog';
import { useAuth } from '../../shared/session/auth-context';
import { bookingsApi } from './api';
import { rangeLabel, shortDateTime } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { DeclineDialog, IntakeAnswers, RescheduleDialog } from './MoveAndAnswer';
import { RecordDialog, RecordView } from './CoachingRecord';

/** Upcoming and still to happen: a confirmed booking or a request waiting for the mentor. */
const OPEN = new Set(['requested', 'confirmed']);

const STATUS_COLORS: Record<string, string> = {
  requested: 'gold',
  declined: 'default',
  expired: 'default',
  confirmed: 'green',
  completed: 'blue',
  cancelled: 'default',
  no_show: 'red',
};

function FeedbackDialog({
  booking,
  onClose,
}: {
  booking: BookingView | null;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  if (!booking) return null;
  return (
    <FormDialog
      form={form}
      name="feedback"
      title={t('bookings.feedbackTitle', { name: booking.mentor.displayName })}
      okText={t('bookings.feedbackSubmit')}
      successText={t('bookings.feedbackThanks')}
      onSubmit={(values) =>
        bookingsApi.feedback(booking.id, { rating: values.rating, comment: values.comment?.trim() || null })
      }
      onClose={onClose}
    >
      <Form.Item
        name="rating"
        label={t('bookings.rating')}
        rules={[{ required: true, message: t('bookings.ratingRequired') }]}
      >
        <Rate />
      </Form.Item>
      <Form.Item name="comment" label={t('bookings.comment')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

/** The mentor marks a no-show: a note is required before the session's end (from 15 minutes in). */
function NoShowDialog({
  booking,
  now,
  onClose,
}: {
  booking: BookingView | null;
  now: number;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  if (!booking) return null;
  const beforeEnd = Date.parse(booking.endsAt) > now;
  return (
    <FormDialog
      form={form}
      name="no-show"
      title={t('bookings.noShowTitle', { name: booking.founder.displayName })}
      okText={t('bookings.noShow')}
      okTestId="no-show-confirm"
      danger
      intro={
        <Typography.Paragraph type="secondary">
          {t(beforeEnd ? 'bookings.noShowBeforeEnd' : 'bookings.noShowHelp')}
        </Typography.Paragraph>
      }
      successText={t('bookings.markedNoShow')}
      onSubmit={(values) => bookingsApi.noShow(booking.id, values.note?.trim())}
      onClose={onClose}
    >
      <Form.Item
        name="note"
        label={t('bookings.noShowNote')}
        rules={[{ required: beforeEnd, whitespace: true, message: t('bookings.noShowNoteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="no-show-note" />
      </Form.Item>
    </FormDialog>
  );
}

/** The founder contests a no-show mark, once; an organizer of the carrier decides. */
function ContestDialog({
  booking,
  onClose,
}: {
  booking: BookingView | null;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  if (!booking) return null;
  return (
    <FormDialog
      form={form}
      name="contest"
      title={t('bookings.contestTitle', { name: booking.mentor.displayName })}
      okText={t('bookings.contestSubmit')}
      okTestId="contest-submit"
      intro={<Typography.Paragraph type="secondary">{t('bookings.contestHelp')}</Typography.Paragraph>}
      successText={t('bookings.contestSent')}
      onSubmit={(values) => bookingsApi.contest(booking.id, values.reason.trim())}
      onClose={onClose}
    >
      <Form.Item
        name="reason"
        label={t('bookings.contestReason')}
        rules={[{ required: true, whitespace: true, message: t('bookings.contestReasonRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={1000} data-testid="contest-reason" />
      </Form.Item>
    </FormDialog>
  );
}

/** A no-show mark as its founder and mentor see it: the mentor's note and the contest's state. */
function NoShowDetails({ booking, onContest }: { booking: BookingView; onContest: () => void }) {
  const { t } = useTranslation();
  const { contest } = booking;
  const marked = booking.status === 'no_show';
  if (!marked && !contest) return null;
  return (
    <Flex vertical gap={4} data-testid="no-show-details">
      {marked && booking.noShowNote && (
        <Typography.Text type="secondary">
          {t('bookings.mentorNote', { note: booking.noShowNote })}
        </Typography.Text>
      )}
      {contest ? (
        <>
          <Space wrap size={4}>
            <Tag
              color={!contest.decision ? 'processing' : contest.decision === 'overturned' ? 'green' : 'red'}
              data-testid="contest-state"
            >
              {t(`bookings.contestState.${contest.decision ?? 'open'}`)}
            </Tag>
            <Typography.Text type="secondary">
              {t('bookings.contestReasonLine', { reason: contest.reason })}
            </Typography.Text>
          </Space>
          {contest.decisionNote && (
            <Typography.Text type="secondary">
              {t('bookings.decisionNote', { note: contest.decisionNote })}
            </Typography.Text>
          )}
        </>
      ) : (
        booking.myRole === 'founder' && (
          <Space wrap>
            <Typography.Text type="secondary">{t('bookings.contestInvite')}</Typography.Text>
            <Button size="small" onClick={onContest} data-testid="contest-no-show">
              {t('bookings.contest')}
            </Button>
          </Space>
        )
      )}
    </Flex>
  );
}

function CalendarFeed() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    try {
      setUrl((await bookingsApi.calendarToken()).url);
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Space wrap>
          <CalendarOutlined />
          <Typography.Text strong>{t('calendar.title')}</Typography.Text>
          <Button size="small" loading={busy} onClick={() => void create()} data-testid="calendar-token">
            {url ? t('calendar.renew') : t('calendar.create')}
          </Button>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('calendar.help')}
        </Typography.Text>
        {url && (
          <Typography.Paragraph copyable={{ text: url }} code style={{ margin: 0, wordBreak: 'break-all' }}>
            {url}
          </Typography.Paragraph>
        )}
      </Flex>
    </Card>
  );
}

function BookingCard({
  booking,
  zone,
  now,
  onChanged,
  onFeedback,
  onNoShow,
  onContest,
  onDecline,
  onReschedule,
  onRecord,
}: {
  booking: BookingView;
  zone: string;
  now: number;
  onChanged: () => void;
  onFeedback: (b: BookingView) => void;
  onNoShow: (b: BookingView) => void;
  onContest: (b: BookingView) => void;
  onDecline: (b: BookingView) => void;
  onReschedule: (b: BookingView) => void;
  onRecord: (b: BookingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const started = Date.parse(booking.startsAt) <= now;
  // A no-show may be marked from 15 minutes after the start (with a note until the end), never again
  // once an organizer overturned a mark.
  const mayMarkNoShow =
    Date.parse(booking.startsAt) + NO_SHOW_EARLIEST_MINUTES * 60_000 <= now &&
    booking.contest?.decision !== 'overturned';
  const other = booking.myRole === 'founder' ? booking.mentor : booking.founder;
  const act = async (name: string, action: () => Promise<unknown>, done: string) => {
    setBusy(name);
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };
  const place = [booking.location, booking.onlineUrl].filter(Boolean).join(' · ');

  return (
    <Card size="small" data-testid="booking-card">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {rangeLabel(booking.startsAt, booking.endsAt, zone, i18n.language)}
          </Typography.Text>
          <Space size={4}>
            <Tag color={booking.myRole === 'mentor' ? 'purple' : 'cyan'}>
              {t(`bookings.as.${booking.myRole}`)}
            </Tag>
            <Tag color={STATUS_COLORS[booking.status]}>{t(`bookingStatus.${booking.status}`)}</Tag>
          </Space>
        </Flex>
        <Typography.Text>
          {booking.myRole === 'founder' ? (
            <Link to={`/mentors/${booking.mentor.id}`}>
              {t('bookings.withMentor', { name: other.displayName })}
            </Link>
          ) : (
            t('bookings.withFounder', {
              name: other.displayName,
              company: booking.founder.companyName ? ` · ${booking.founder.companyName}` : '',
            })
          )}
          {booking.myRole === 'mentor' && booking.founder.email && (
            <Typography.Text type="secondary"> · {booking.founder.email}</Typography.Text>
          )}
        </Typography.Text>
        <Typography.Text>{t('bookings.topicLine', { topic: booking.topic })}</Typography.Text>
        {booking.note && <Typography.Text type="secondary">{booking.note}</Typography.Text>}
        {place && <Typography.Text type="secondary">{place}</Typography.Text>}
        {booking.requestExpiresAt && (
          <Typography.Text type="warning" data-testid="request-deadline">
            {t(booking.myRole === 'mentor' ? 'bookings.answerBy' : 'bookings.waitingForMentor', {
              when: shortDateTime(booking.requestExpiresAt, zone, i18n.language),
            })}
          </Typography.Text>
        )}
        {booking.status === 'declined' && booking.declineReason && (
          <Typography.Text type="secondary">
            {t('bookings.mentorNote', { note: booking.declineReason })}
          </Typography.Text>
        )}
        <IntakeAnswers booking={booking} />
        <RecordView booking={booking} onChanged={onChanged} />
        <NoShowDetails booking={booking} onContest={() => onContest(booking)} />
        {booking.rating !== null && (
          <Space>
            <Rate disabled value={booking.rating} style={{ fontSize: 14 }} />
            {booking.feedbackComment && (
              <Typography.Text type="secondary">{booking.feedbackComment}</Typography.Text>
            )}
          </Space>
        )}
        <Space wrap>
          {booking.status === 'requested' && booking.myRole === 'mentor' && (
            <>
              <Button
                type="primary"
                size="small"
                loading={busy === 'accept'}
                data-testid="accept-request"
                onClick={() =>
                  void act('accept', () => bookingsApi.accept(booking.id), t('bookings.acceptedDone'))
                }
              >
                {t('bookings.accept')}
              </Button>
              <Button size="small" onClick={() => onDecline(booking)} data-testid="decline-request">
                {t('bookings.decline')}
              </Button>
            </>
          )}
          {OPEN.has(booking.status) && !started && (
            <Button size="small" onClick={() => onReschedule(booking)} data-testid="reschedule-booking">
              {t('bookings.reschedule')}
            </Button>
          )}
          {OPEN.has(booking.status) &&
            !started &&
            !(booking.status === 'requested' && booking.myRole === 'mentor') && (
              <Popconfirm
                title={t(
                  booking.status === 'requested' ? 'bookings.withdrawConfirm' : 'bookings.cancelConfirm',
                )}
                okText={t(booking.status === 'requested' ? 'bookings.withdraw' : 'bookings.cancel')}
                cancelText={t('bookings.keep')}
                onConfirm={() => act('cancel', () => bookingsApi.cancel(booking.id), t('bookings.cancelled'))}
              >
                <Button danger size="small" loading={busy === 'cancel'} data-testid="cancel-booking">
                  {t(booking.status === 'requested' ? 'bookings.withdraw' : 'bookings.cancel')}
                </Button>
              </Popconfirm>
            )}
          {booking.status === 'confirmed' && started && booking.myRole === 'mentor' && (
            <>
              <Button
                type="primary"
                size="small"
                loading={busy === 'complete'}
                onClick={() =>
                  void act('complete', () => bookingsApi.complete(booking.id), t('bookings.markedCompleted'))
                }
              >
                {t('bookings.complete')}
              </Button>
              {mayMarkNoShow && (
                <Button size="small" onClick={() => onNoShow(booking)} data-testid="mark-no-show">
                  {t('bookings.noShow')}
                </Button>
              )}
            </>
          )}
          {['confirmed', 'completed'].includes(booking.status) && started && booking.myRole === 'mentor' && (
            <Button
              size="small"
              type={booking.record ? 'default' : 'primary'}
              onClick={() => onRecord(booking)}
              data-testid="write-record"
            >
              {t(booking.record ? 'record.edit' : 'record.write')}
            </Button>
          )}
          {booking.status === 'completed' && booking.myRole === 'founder' && booking.rating === null && (
            <Button
              type="primary"
              size="small"
              onClick={() => onFeedback(booking)}
              data-testid="give-feedback"
            >
              {t('bookings.giveFeedback')}
            </Button>
          )}
        </Space>
      </Flex>
    </Card>
  );
}

/** "My bookings": as a founder and, for mentors, as a mentor; upcoming first. */
export function MyBookingsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const zone = user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [view, setView] = useState<'upcoming' | 'past'>('upcoming');
  const [feedbackFor, setFeedbackFor] = useState<BookingView | null>(null);
  const [noShowFor, setNoShowFor] = useState<BookingView | null>(null);
  const [contestFor, setContestFor] = useState<BookingView | null>(null);
  const [declineFor, setDeclineFor] = useState<BookingView | null>(null);
  const [moving, setMoving] = useState<BookingView | null>(null);
  const [recording, setRecording] = useState<BookingView | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const { data, error, loading, reload } = useLoad('my-bookings', () => bookingsApi.mine());
  const refresh = () => {
    setNow(Date.now());
    reload();
  };
  const feedbackId = params.get('feedback');
  const contestId = params.get('contest');

  // A mailed link (?feedback=<id>) opens the rating dialog of that session.
  const fromLink =
    feedbackId && data
      ? (data.find(
          (x) =>
            x.id === feedbackId && x.status === 'completed' && x.rating === null && x.myRole === 'founder',
        ) ?? null)
      : null;
  const rating = feedbackFor ?? fromLink;
  // The no-show mail links here (?contest=<id>) to contest that mark.
  const contestFromLink =
    contestId && data
      ? (data.find(
          (x) => x.id === contestId && x.status === 'no_show' && !x.contest && x.myRole === 'founder',
        ) ?? null)
      : null;
  const contesting = contestFor ?? contestFromLink;

  const upcoming = (b: BookingView) => Date.parse(b.endsAt) >= now && OPEN.has(b.status);
  const list = (data ?? []).filter((b) => (view === 'upcoming' ? upcoming(b) : !upcoming(b)));
  // A mentor answers requests first: they lead the upcoming list, soonest first.
  const toAnswer =
    view === 'upcoming' ? list.filter((b) => b.status === 'requested' && b.myRole === 'mentor') : [];
  const rest = list.filter((b) => !toAnswer.includes(b));
  const card = (b: BookingView) => (
    <BookingCard
      key={b.id}
      booking={b}
      zone={zone}
      now={now}
      onChanged={refresh}
      onFeedback={setFeedbackFor}
      onNoShow={setNoShowFor}
      onContest={setContestFor}
      onDecline={setDeclineFor}
      onReschedule={setMoving}
      onRecord={setRecording}
    />
  );

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('bookings.title')}
      </Typography.Title>
      <Segmented
        value={view}
        onChange={(v) => setView(v as 'upcoming' | 'past')}
        options={[
          { value: 'upcoming', label: t('bookings.upcoming') },
          { value: 'past', label: t('bookings.past') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading && !data ? (
        <Spin />
      ) : list.length === 0 ? (
        <Empty description={view === 'upcoming' ? t('bookings.noneUpcoming') : t('bookings.nonePast')}>
          <Link to="/mentors">
            <Button type="primary">{t('bookings.findMentor')}</Button>
          </Link>
        </Empty>
      ) : (
        <>
          {toAnswer.length > 0 && (
            <Flex vertical gap={8} data-testid="requests-to-answer">
              <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
                {t('bookings.requestsTitle', { count: toAnswer.length })}
              </Typography.Title>
              {toAnswer.map(card)}
            </Flex>
          )}
          {rest.map(card)}
        </>
      )}
      <CalendarFeed />
      <NoShowDialog
        booking={noShowFor}
        now={now}
        onClose={(saved) => {
          setNoShowFor(null);
          if (saved) refresh();
        }}
      />
      <DeclineDialog
        booking={declineFor}
        onClose={(saved) => {
          setDeclineFor(null);
          if (saved) refresh();
        }}
      />
      <RecordDialog
        booking={recording}
        onClose={(saved) => {
          setRecording(null);
          if (saved) refresh();
        }}
      />
      <RescheduleDialog
        booking={moving}
        zone={zone}
        onClose={(saved) => {
          setMoving(null);
          if (saved) refresh();
        }}
      />
      <ContestDialog
        booking={contesting}
        onClose={(saved) => {
          setContestFor(null);
          if (contestId) setParams({}, { replace: true });
          if (saved) refresh();
        }}
      />
      <FeedbackDialog
        booking={rating}
        onClose={(saved) => {
          setFeedbackFor(null);
          if (feedbackId) setParams({}, { replace: true });
          if (saved) refresh();
        }}
      />
    </Flex>
  );
}

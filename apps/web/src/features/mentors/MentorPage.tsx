import { Alert, Avatar, Button, Card, Flex, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EnvironmentOutlined, LinkOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { SlotView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { mentorsApi } from './api';
import { BookingDialog } from './BookingDialog';
import { CATEGORY_COLORS, expertiseLabel } from './labels';
import { mondayOf, mondayOfInstant, slotLabel, today, weekRange } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { WeekSlots } from './WeekSlots';

/** A mentor's page: who they are and a week of free slots to book. */
export function MentorPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const zone = user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const thisMonday = mondayOf(today(zone));
  // The week shown: chosen by the reader, else the week of the first free slot (not an empty week).
  const [chosen, setChosen] = useState<string | null>(null);
  const [picked, setPicked] = useState<SlotView | null>(null);
  const mentor = useLoad(`mentor:${id}`, () => mentorsApi.get(id));
  const first = useLoad(mentor.data ? `next-slot:${id}` : null, () => mentorsApi.nextSlot(id));
  const firstSlot = first.data?.slot ?? null;
  const opening = firstSlot ? mondayOfInstant(firstSlot.startsAt, zone) : thisMonday;
  const monday = chosen ?? (first.data || first.error ? opening : null);
  const range = weekRange(monday ?? thisMonday, zone);
  const slots = useLoad(monday ? `slots:${id}:${monday}` : null, () =>
    mentorsApi.slots(id, range.from, range.to),
  );
  // An empty week says when the next free slot is, with a jump to its week.
  const emptyWeek = slots.data !== undefined && slots.data.length === 0;
  const after = useLoad(emptyWeek ? `next-slot:${id}:${range.to}` : null, () =>
    mentorsApi.nextSlot(id, range.to),
  );

  if (mentor.error) return <Alert type="error" showIcon title={errorMessage(t, mentor.error)} />;
  const m = mentor.data;
  if (!m) return <Spin />;
  const self = user?.id === m.id;

  return (
    <Flex vertical gap={16}>
      <Link to="/mentors">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('mentors.back')}
        </Button>
      </Link>
      <Card>
        <Flex gap={16} align="flex-start" wrap>
          <Avatar
            size={72}
            src={m.photoUrl ?? undefined}
            style={{ backgroundColor: '#1f7a4d', flex: 'none', fontSize: 28 }}
          >
            {m.displayName.charAt(0)}
          </Avatar>
          <Flex vertical gap={6} style={{ flex: '1 1 240px', minWidth: 0 }}>
            <Space wrap>
              <Typography.Title
                level={1}
                className="wt-page-title"
                style={{ margin: 0 }}
                data-testid="mentor-name"
              >
                {m.displayName}
              </Typography.Title>
              <Tag color={CATEGORY_COLORS[m.category]}>{t(`mentorCategory.${m.category}`)}</Tag>
              {!m.published && <Tag color="orange">{t('mentors.unpublished')}</Tag>}
            </Space>
            {(m.affiliation || m.title) && (
              <Typography.Text type="secondary">
                {[m.affiliation, m.title].filter(Boolean).join(' · ')}
              </Typography.Text>
            )}
            <Space size={[4, 4]} wrap>
              {m.expertise.map((tag) => (
                <Tag key={tag} bordered={false} color="green">
                  {expertiseLabel(t, tag)}
                </Tag>
              ))}
              {m.languages.map((l) => (
                <Tag key={l} bordered={false}>
                  {t(`languageName.${l}`, { defaultValue: l })}
                </Tag>
              ))}
            </Space>
            {m.location && (
              <Typography.Text>
                <EnvironmentOutlined /> {m.location}
              </Typography.Text>
            )}
            {m.online && (
              <Typography.Text>
                <LinkOutlined /> {t('mentors.online')}
              </Typography.Text>
            )}
          </Flex>
          {(self || m.canSeeLedger) && (
            <Space wrap>
              {self && (
                <Button onClick={() => void navigate('/me/office-hours')}>{t('nav.officeHours')}</Button>
              )}
              {m.canSeeLedger && (
                <Button onClick={() => void navigate(`/mentors/${m.id}/ledger`)}>{t('ledger.title')}</Button>
              )}
            </Space>
          )}
        </Flex>
        {m.bio && (
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, whiteSpace: 'pre-line' }}>
            {m.bio}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('slots.title')}>
        {first.data && !firstSlot ? (
          <Alert
            type="info"
            showIcon
            data-testid="no-free-slots"
            title={t('slots.noneInHorizon', { weeks: first.data.horizonWeeks })}
          />
        ) : slots.error ? (
          <Alert type="error" showIcon title={errorMessage(t, slots.error)} />
        ) : monday === null ? (
          <Spin />
        ) : (
          <Flex vertical gap={12}>
            {chosen === null && firstSlot && opening > thisMonday && (
              <Alert
                type="info"
                showIcon
                data-testid="jumped-week"
                title={t('slots.jumped', { when: slotLabel(firstSlot.startsAt, zone, i18n.language) })}
              />
            )}
            <WeekSlots
              monday={monday}
              slots={slots.data}
              loading={slots.loading}
              zone={zone}
              mentorZone={m.timeZone}
              canGoBack={monday > thisMonday}
              onWeek={setChosen}
              next={emptyWeek ? (after.data ? after.data.slot : undefined) : undefined}
              onPick={
                self
                  ? undefined
                  : user
                    ? setPicked
                    : () => void navigate(`/login?next=${encodeURIComponent(`/mentors/${m.id}`)}`)
              }
            />
          </Flex>
        )}
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
          {m.minNoticeHours > 0
            ? t('slots.rules', { hours: m.minNoticeHours, weeks: m.horizonWeeks })
            : t('slots.rulesNoNotice', { weeks: m.horizonWeeks })}
        </Typography.Paragraph>
      </Card>
      {picked && (
        <BookingDialog
          key={picked.startsAt}
          mentor={m}
          slot={picked}
          zone={zone}
          onClose={(booked) => {
            setPicked(null);
            if (!booked) slots.reload();
          }}
        />
      )}
    </Flex>
  );
}

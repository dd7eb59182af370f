import { Button, Empty, Flex, Spin, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { addDays, localDate } from '@wutong/shared';
import type { SlotView } from '@wutong/shared';
import { clock, dayLabel, mondayOfInstant, slotLabel, zoneName } from '../../shared/format';

interface Props {
  monday: string;
  slots: SlotView[] | undefined;
  loading: boolean;
  /** The reader's zone: days and times are shown in it. */
  zone: string;
  /** The mentor's zone, shown beside each time when it differs. */
  mentorZone: string;
  canGoBack: boolean;
  onWeek: (monday: string) => void;
  onPick?: (slot: SlotView) => void;
  /**
   * For an empty week: the next free slot after it (with a jump to its week), null when there is
   * none in the horizon, undefined while unknown.
   */
  next?: SlotView | null;
}

/** Seven days of free slots in the reader's zone; each slot a button. */
export function WeekSlots({
  monday,
  slots,
  loading,
  zone,
  mentorZone,
  canGoBack,
  onWeek,
  onPick,
  next,
}: Props) {
  const { t, i18n } = useTranslation();
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const byDay = new Map<string, SlotView[]>();
  for (const s of slots ?? []) {
    const day = localDate(zone, new Date(s.startsAt));
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const differs = zone !== mentorZone;

  return (
    <Flex vertical gap={12}>
      <Flex align="center" justify="space-between" gap={8}>
        <Button
          icon={<LeftOutlined />}
          disabled={!canGoBack}
          onClick={() => onWeek(addDays(monday, -7))}
          aria-label={t('slots.previousWeek')}
        />
        <Typography.Text strong data-testid="week-label">
          {dayLabel(monday, i18n.language)} – {dayLabel(addDays(monday, 6), i18n.language)}
        </Typography.Text>
        <Button
          icon={<RightOutlined />}
          onClick={() => onWeek(addDays(monday, 7))}
          aria-label={t('slots.nextWeek')}
        />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {differs
          ? t('slots.zoneBoth', {
              zone: zoneName(zone, i18n.language),
              mentorZone: zoneName(mentorZone, i18n.language),
            })
          : t('slots.zoneOne', { zone: zoneName(zone, i18n.language) })}
      </Typography.Text>
      {loading && !slots ? (
        <Spin />
      ) : (slots ?? []).length === 0 ? (
        <Empty
          description={next === null ? t('slots.noneAfter') : t('slots.noneThisWeek')}
          data-testid="no-slots"
        >
          {next && (
            <Button
              type="primary"
              data-testid="next-free-slot"
              onClick={() => onWeek(mondayOfInstant(next.startsAt, zone))}
            >
              {t('slots.nextFree', { when: slotLabel(next.startsAt, zone, i18n.language) })}
            </Button>
          )}
        </Empty>
      ) : (
        <div className="wt-week">
          {days.map((day) => {
            const list = byDay.get(day) ?? [];
            return (
              <div key={day} className={`wt-week-day${list.length === 0 ? ' wt-week-day-empty' : ''}`}>
                <div className="wt-week-day-title">{dayLabel(day, i18n.language)}</div>
                {list.length === 0 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('slots.none')}
                  </Typography.Text>
                ) : (
                  list.map((s) => (
                    <Button
                      key={s.startsAt}
                      block
                      onClick={() => onPick?.(s)}
                      className="wt-slot"
                      data-testid="slot"
                      data-starts-at={s.startsAt}
                    >
                      <span>{clock(s.startsAt, zone)}</span>
                      <span className="wt-slot-length" data-testid="slot-length">
                        {t('slots.minutes', {
                          count: Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000),
                        })}
                      </span>
                      {differs && <span className="wt-slot-other">{clock(s.startsAt, mentorZone)}</span>}
                    </Button>
                  ))
                )}
              </div>
            );
          })}
        </div>
      )}
    </Flex>
  );
}

import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Radio,
  Spin,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { getDayDetail, isInLieu } from 'chinese-days';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REQUEST_TTL_HOURS, chineseHolidayLookup, computeSlots, localDate } from '@wutong/shared';
import type { AvailabilityRequest, AvailabilityView, BookingOnDayOff, WeeklyRule } from '@wutong/shared';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { timeZoneOptions } from '../../shared/timeZones';
import { mentorsApi } from './api';
import { clock, dayLabel } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { DaysOffBookings } from './DaysOffBookings';

const HOLIDAYS = chineseHolidayLookup(
  (date) => getDayDetail(date),
  (date) => isInLieu(date),
);
const TIMES = Array.from({ length: 97 }, (_, i) => {
  const m = i * 15;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}).map((v) => ({ value: v, label: v }));
const SLOT_LENGTHS = [15, 20, 30, 45, 60, 90, 120];
const BUFFERS = [0, 5, 10, 15, 30];

interface OverrideValues {
  date?: Dayjs;
  unavailable?: boolean;
  start?: string;
  end?: string;
}

/** One row of the editor: the same hours on one or several weekdays. */
interface RuleValues {
  weekdays: number[];
  start: string;
  end: string;
  slotMinutes: number;
  bufferMinutes?: number;
}

interface Values extends Omit<AvailabilityRequest, 'overrides' | 'maxPerDay' | 'rules'> {
  rules: RuleValues[];
  overrides: OverrideValues[];
  maxPerDay?: number | null;
}

/** The stored weekly rules as rows: weekdays with the same hours, length and buffer share one row. */
function toRows(rules: WeeklyRule[]): RuleValues[] {
  const rows = new Map<string, RuleValues>();
  for (const r of rules) {
    const key = [r.start, r.end, r.slotMinutes, r.bufferMinutes ?? 0].join('|');
    const row = rows.get(key);
    if (row) row.weekdays.push(r.weekday);
    else
      rows.set(key, {
        weekdays: [r.weekday],
        start: r.start,
        end: r.end,
        slotMinutes: r.slotMinutes,
        bufferMinutes: r.bufferMinutes ?? 0,
      });
  }
  return [...rows.values()].map((row) => ({ ...row, weekdays: row.weekdays.sort((a, b) => a - b) }));
}

function toValues(a: AvailabilityView): Values {
  return {
    ...a,
    rules: toRows(a.rules),
    overrides: a.overrides.map((o) => ({ ...o, date: dayjs(o.date), unavailable: !!o.unavailable })),
  };
}

function toRequest(v: Values): AvailabilityRequest {
  return {
    timeZone: v.timeZone,
    // Each row stands for one rule per weekday it covers.
    rules: (v.rules ?? []).filter(Boolean).flatMap((r) =>
      (r.weekdays ?? []).map((weekday) => ({
        weekday,
        start: r.start,
        end: r.end,
        slotMinutes: r.slotMinutes,
        bufferMinutes: r.bufferMinutes ?? 0,
      })),
    ),
    overrides: (v.overrides ?? [])
      .filter((o) => o?.date)
      .map((o) =>
        o.unavailable
          ? { date: o.date!.format('YYYY-MM-DD'), unavailable: true }
          : { date: o.date!.format('YYYY-MM-DD'), start: o.start, end: o.end },
      ),
    minNoticeHours: v.minNoticeHours,
    maxPerDay: v.maxPerDay ?? null,
    horizonWeeks: v.horizonWeeks,
    maxFuturePerFounder: v.maxFuturePerFounder,
    holidaysOff: v.holidaysOff,
    location: v.location?.trim() || null,
    onlineUrl: v.onlineUrl?.trim() || null,
    confirmation: v.confirmation,
    requestTtlHours: v.requestTtlHours,
  };
}

/** The slots the edited (unsaved) settings would offer in the next two weeks, by day in the mentor's zone. */
function Preview({ values }: { values: Values | undefined }) {
  const { t, i18n } = useTranslation();
  const days = useMemo(() => {
    if (!values?.timeZone) return [];
    const req = toRequest(values);
    const valid = (r: WeeklyRule) => r && r.weekday && r.start && r.end && r.slotMinutes;
    const now = new Date();
    const slots = computeSlots({
      timeZone: req.timeZone,
      rules: req.rules.filter(valid),
      overrides: req.overrides.filter((o) => o.unavailable || (o.start && o.end)),
      holidaysOff: req.holidaysOff,
      holidays: HOLIDAYS,
      now,
      from: now,
      to: new Date(now.getTime() + 14 * 24 * 3600_000),
      minNoticeHours: req.minNoticeHours ?? 12,
      maxPerDay: req.maxPerDay,
      horizonWeeks: req.horizonWeeks ?? 8,
    });
    const byDay = new Map<string, string[]>();
    for (const s of slots) {
      const d = localDate(req.timeZone, new Date(s.startsAt));
      byDay.set(d, [...(byDay.get(d) ?? []), clock(s.startsAt, req.timeZone)]);
    }
    return [...byDay.entries()];
  }, [values]);
  return (
    <Card size="small" title={t('officeHours.preview')} data-testid="preview">
      {days.length === 0 ? (
        <Empty description={t('officeHours.previewNone')} />
      ) : (
        <Flex vertical gap={6}>
          {days.map(([day, times]) => (
            <Flex key={day} gap={8} wrap align="baseline">
              <Typography.Text strong style={{ minWidth: 96 }}>
                {dayLabel(day, i18n.language)}
              </Typography.Text>
              <span>
                {times.map((time) => (
                  <Tag key={time} bordered={false} color="green">
                    {time}
                  </Tag>
                ))}
              </span>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

const FIELDS = [
  'timeZone',
  'rules',
  'overrides',
  'minNoticeHours',
  'maxPerDay',
  'horizonWeeks',
  'location',
  'onlineUrl',
].map((f) => [f]);

/** The mentor's office hours: weekly rules, date overrides, booking options and a live preview. */
export function OfficeHoursEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [onDaysOff, setOnDaysOff] = useState<BookingOnDayOff[]>([]);
  const { data, error: loadError } = useLoad('my-mentor-profile', () => mentorsApi.mine());
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`weekday.${d}`) }));

  if (loadError) return <Alert type="error" showIcon title={errorMessage(t, loadError)} />;
  if (!data?.availability) return <Spin />;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await mentorsApi.updateAvailability(toRequest(v));
      form.setFieldsValue(toValues(saved));
      void message.success(t('officeHours.saved'));
      setOnDaysOff(saved.bookingsOnDaysOff);
    } catch (e) {
      applyFieldErrors(t, form, e, FIELDS);
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 860 }}>
      <div>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('officeHours.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('officeHours.subtitle')}
        </Typography.Paragraph>
      </div>
      {!data.published && <Alert type="warning" showIcon title={t('officeHours.notPublished')} />}
      <DaysOffBookings
        bookings={onDaysOff}
        timeZone={values?.timeZone ?? data.availability.timeZone}
        onClose={() => setOnDaysOff([])}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={toValues(data.availability)}
        onFinish={(v) => void submit(v)}
        name="office-hours"
        requiredMark={false}
      >
        <Flex vertical gap={16}>
          <Card size="small" title={t('officeHours.weekly')}>
            <Form.Item name="timeZone" label={t('officeHours.timeZone')} rules={[{ required: true }]}>
              <Select
                showSearch
                options={timeZoneOptions(data.availability.timeZone)}
                style={{ maxWidth: 360 }}
              />
            </Form.Item>
            <Form.List name="rules">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field) => (
                    <Flex
                      key={field.key}
                      gap={8}
                      wrap
                      align="flex-start"
                      className="wt-rule-row"
                      data-testid="rule-row"
                    >
                      <Form.Item
                        name={[field.name, 'weekdays']}
                        rules={[
                          {
                            required: true,
                            type: 'array',
                            min: 1,
                            message: t('officeHours.weekdaysRequired'),
                          },
                        ]}
                        style={{ margin: 0, minWidth: 180 }}
                      >
                        <Select
                          mode="multiple"
                          options={weekdays}
                          aria-label={t('officeHours.weekday')}
                          placeholder={t('officeHours.weekdaysPlaceholder')}
                          data-testid="rule-weekdays"
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'start']}
                        rules={[{ required: true }]}
                        style={{ margin: 0, width: 92 }}
                      >
                        <Select options={TIMES.slice(0, 96)} aria-label={t('officeHours.start')} />
                      </Form.Item>
                      <span style={{ lineHeight: '32px' }}>–</span>
                      <Form.Item
                        name={[field.name, 'end']}
                        rules={[{ required: true }]}
                        style={{ margin: 0, width: 92 }}
                      >
                        <Select options={TIMES.slice(1)} aria-label={t('officeHours.end')} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'slotMinutes']}
                        rules={[{ required: true }]}
                        style={{ margin: 0, width: 116 }}
                      >
                        <Select
                          options={SLOT_LENGTHS.map((n) => ({
                            value: n,
                            label: t('officeHours.minutes', { n }),
                          }))}
                          aria-label={t('officeHours.slotMinutes')}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'bufferMinutes']} style={{ margin: 0, width: 132 }}>
                        <Select
                          options={BUFFERS.map((n) => ({ value: n, label: t('officeHours.buffer', { n }) }))}
                          aria-label={t('officeHours.bufferMinutes')}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('officeHours.remove')}
                      />
                    </Flex>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() =>
                      add({ weekdays: [2], start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 0 })
                    }
                    style={{ alignSelf: 'flex-start' }}
                    data-testid="add-rule"
                  >
                    {t('officeHours.addRule')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Card>
          <Card size="small" title={t('officeHours.overrides')}>
            <Typography.Paragraph type="secondary">{t('officeHours.overridesHelp')}</Typography.Paragraph>
            <Form.List name="overrides">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field) => {
                    const off = values?.overrides?.[field.name]?.unavailable;
                    return (
                      <Flex key={field.key} gap={8} wrap align="center">
                        <Form.Item
                          name={[field.name, 'date']}
                          rules={[{ required: true }]}
                          style={{ margin: 0 }}
                        >
                          <DatePicker aria-label={t('officeHours.date')} />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'unavailable']}
                          valuePropName="checked"
                          style={{ margin: 0 }}
                        >
                          <Checkbox>{t('officeHours.dayOff')}</Checkbox>
                        </Form.Item>
                        {!off && (
                          <>
                            <Form.Item
                              name={[field.name, 'start']}
                              rules={[{ required: true }]}
                              style={{ margin: 0, width: 92 }}
                            >
                              <Select options={TIMES.slice(0, 96)} aria-label={t('officeHours.start')} />
                            </Form.Item>
                            <span>–</span>
                            <Form.Item
                              name={[field.name, 'end']}
                              rules={[{ required: true }]}
                              style={{ margin: 0, width: 92 }}
                            >
                              <Select options={TIMES.slice(1)} aria-label={t('officeHours.end')} />
                            </Form.Item>
                          </>
                        )}
                        <Button
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label={t('officeHours.remove')}
                        />
                      </Flex>
                    );
                  })}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ unavailable: true })}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('officeHours.addOverride')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Card>
          <Card size="small" title={t('officeHours.options')}>
            <Form.Item
              name="confirmation"
              label={t('officeHours.confirmation')}
              extra={t('officeHours.confirmationHelp')}
            >
              <Radio.Group
                optionType="button"
                data-testid="confirmation-mode"
                options={[
                  { value: 'instant', label: t('officeHours.confirmInstant') },
                  { value: 'manual', label: t('officeHours.confirmManual') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.confirmation !== b.confirmation}>
              {({ getFieldValue }) =>
                getFieldValue('confirmation') === 'manual' && (
                  <Form.Item name="requestTtlHours" label={t('officeHours.requestTtl')}>
                    <InputNumber
                      min={1}
                      max={MAX_REQUEST_TTL_HOURS}
                      suffix={t('officeHours.hoursUnit')}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item name="minNoticeHours" label={t('officeHours.minNotice')}>
                <InputNumber min={0} max={720} suffix={t('officeHours.hoursUnit')} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="maxPerDay" label={t('officeHours.maxPerDay')}>
                <InputNumber
                  min={1}
                  max={100}
                  placeholder={t('officeHours.unlimited')}
                  style={{ width: 140 }}
                />
              </Form.Item>
              <Form.Item name="horizonWeeks" label={t('officeHours.horizon')}>
                <InputNumber min={1} max={52} suffix={t('officeHours.weeksUnit')} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="maxFuturePerFounder" label={t('officeHours.perFounder')}>
                <InputNumber min={1} max={50} style={{ width: 140 }} />
              </Form.Item>
            </Flex>
            <Form.Item
              name="holidaysOff"
              valuePropName="checked"
              label={t('officeHours.holidays')}
              extra={t('officeHours.holidaysHelp')}
            >
              <Switch />
            </Form.Item>
            <Form.Item name="location" label={t('officeHours.location')}>
              <Input maxLength={300} placeholder={t('officeHours.locationPlaceholder')} />
            </Form.Item>
            <Form.Item name="onlineUrl" label={t('officeHours.onlineUrl')} rules={[{ type: 'url' }]}>
              <Input maxLength={500} placeholder="https://meeting.tencent.com/…" />
            </Form.Item>
          </Card>
          <Preview values={values} />
          {error && <Alert type="error" showIcon title={error} />}
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            style={{ alignSelf: 'flex-start' }}
            data-testid="save-office-hours"
          >
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Flex>
  );
}

import { DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EVENT_TYPES } from '@wutong/shared';
import type { EventType } from '@wutong/shared';
import { useOrganizations } from '../../shared/useOrganizations';

export interface Filters {
  q?: string;
  type?: EventType;
  organizationId?: string;
  /** Days (YYYY-MM-DD) in the reader's zone. */
  from?: string;
  to?: string;
}

interface Props {
  value: Filters;
  onChange: (next: Filters) => void;
  /** The calendar picks its own month; the list has a date range. */
  showDates: boolean;
}

/** Search, type, carrier and (for the list) a date range. */
export function EventFilters({ value, onChange, showDates }: Props) {
  const { t } = useTranslation();
  const { organizations, loading } = useOrganizations();
  const range: [Dayjs | null, Dayjs | null] = [
    value.from ? dayjs(value.from) : null,
    value.to ? dayjs(value.to) : null,
  ];

  return (
    <Flex gap={8} wrap className="wt-event-filters">
      <Input.Search
        allowClear
        defaultValue={value.q}
        placeholder={t('events.searchPlaceholder')}
        aria-label={t('events.searchPlaceholder')}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        className="wt-filter-search"
        data-testid="event-search"
        enterButton
      />
      <Select<EventType>
        allowClear
        placeholder={t('events.allTypes')}
        aria-label={t('events.allTypes')}
        value={value.type}
        onChange={(type) => onChange({ ...value, type })}
        options={EVENT_TYPES.map((type) => ({ value: type, label: t(`eventType.${type}`) }))}
        className="wt-filter-select"
        data-testid="event-type-filter"
      />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        loading={loading}
        placeholder={t('events.allCarriers')}
        aria-label={t('events.allCarriers')}
        value={value.organizationId}
        onChange={(organizationId) => onChange({ ...value, organizationId })}
        options={organizations.map((org) => ({ value: org.id, label: org.name }))}
        className="wt-filter-select"
        data-testid="event-carrier-filter"
      />
      {showDates && (
        <>
          <label htmlFor="events-from" className="wt-visually-hidden">
            {t('events.fromDate')}
          </label>
          <label htmlFor="events-to" className="wt-visually-hidden">
            {t('events.toDate')}
          </label>
          <DatePicker.RangePicker
            id={{ start: 'events-from', end: 'events-to' }}
            value={range}
            allowEmpty={[true, true]}
            onChange={(dates) =>
              onChange({
                ...value,
                from: dates?.[0]?.format('YYYY-MM-DD'),
                to: dates?.[1]?.format('YYYY-MM-DD'),
              })
            }
            className="wt-filter-range"
            placeholder={[t('events.fromDate'), t('events.toDate')]}
          />
        </>
      )}
    </Flex>
  );
}

import { Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpeakerView } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { searchMentors } from '../events/api';
import type { MentorOption } from '../events/api';
import { useLoad } from '../../shared/useLoad';

interface Props {
  /** The event's current speakers, so their names show before any search. */
  initial: SpeakerView[];
  value?: string[];
  onChange?: (value: string[]) => void;
}

/** Speakers from the mentor pool (GET /mentors?q); says so when the pool is not there yet. */
export function SpeakerPicker({ initial, value, onChange }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [known, setKnown] = useState<MentorOption[]>(initial);
  const found = useLoad(`mentors:${q}`, () => searchMentors(q));
  const unavailable = found.error instanceof ApiError && found.error.status === 404;
  const byId = new Map([...known, ...(found.data ?? [])].map((m) => [m.id, m]));

  return (
    <>
      <Select<string[]>
        mode="multiple"
        value={value ?? []}
        onChange={(ids) => {
          setKnown(ids.map((id) => byId.get(id)).filter((m): m is MentorOption => !!m));
          onChange?.(ids);
        }}
        showSearch={{ filterOption: false, onSearch: setQ }}
        loading={found.loading}
        disabled={unavailable && (value ?? []).length === 0}
        placeholder={t('manageEvents.speakersPlaceholder')}
        aria-label={t('manageEvents.speakersPlaceholder')}
        options={[...byId.values()].map((m) => ({ value: m.id, label: m.displayName }))}
        notFoundContent={t('manageEvents.noMentors')}
        data-testid="speaker-picker"
      />
      {unavailable && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('manageEvents.mentorsLater')}
        </Typography.Text>
      )}
    </>
  );
}

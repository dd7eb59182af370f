import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EventStatus, EventType, RegistrationStatus } from '@wutong/shared';

const TYPE_COLORS: Record<EventType, string> = {
  salon: 'cyan',
  roadshow: 'magenta',
  training: 'blue',
  coaching: 'geekblue',
  policy_briefing: 'gold',
  legal_clinic: 'purple',
  hr_workshop: 'lime',
  competition: 'volcano',
  other: 'default',
};

const STATUS_COLORS: Record<EventStatus, string> = {
  draft: 'default',
  published: 'green',
  cancelled: 'red',
  completed: 'default',
};

const REGISTRATION_COLORS: Record<RegistrationStatus, string> = {
  pending_approval: 'gold',
  confirmed: 'green',
  waitlisted: 'blue',
  cancelled: 'default',
  rejected: 'red',
};

export function EventTypeTag({ type }: { type: EventType }) {
  const { t } = useTranslation();
  return (
    <Tag color={TYPE_COLORS[type]} variant="filled">
      {t(`eventType.${type}`)}
    </Tag>
  );
}

export function EventStatusTag({ status }: { status: EventStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="event-status">
      {t(`eventStatus.${status}`)}
    </Tag>
  );
}

export function RegistrationStatusTag({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={REGISTRATION_COLORS[status]} data-testid="registration-status">
      {t(`registrationStatus.${status}`)}
    </Tag>
  );
}

/** A colour for dots (Badge), where the tag's "default" means grey. */
export function eventTypeColor(type: EventType): string {
  return type === 'other' ? '#8c8c8c' : TYPE_COLORS[type];
}

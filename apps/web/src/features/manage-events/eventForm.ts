import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import type {
  CreateEventRequest,
  EventType,
  EventView,
  QuestionInput,
  QuestionKind,
  UpdateEventRequest,
} from '@wutong/shared';
import { DEFAULT_REMINDER_OFFSETS } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { instantToWallClock, wallClockToInstant } from '../../shared/format';

export interface SessionValues {
  id?: string;
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  title?: string;
}

export interface QuestionValues {
  id?: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  options?: string[];
}

/** The form's values: times are wall clocks of the carrier's zone (see time.ts). */
export interface EventFormValues {
  organizationId: string;
  type: EventType;
  title: string;
  description: string;
  venueId?: string | null;
  onlineUrl?: string;
  capacity: number;
  approvalRequired: boolean;
  waitlistEnabled: boolean;
  registrationOpensAt?: Dayjs | null;
  registrationClosesAt?: Dayjs | null;
  sessions: SessionValues[];
  questions: QuestionValues[];
  speakerIds: string[];
  /** Reminders, minutes before each session (0–3). */
  reminderOffsetsMinutes: number[];
}

/** The reminder times offered, in minutes before a session: 15 min to 14 days. */
export const REMINDER_CHOICES = [15, 30, 60, 120, 360, 720, 1440, 2880, 4320, 10080, 20160];

export const CHOICE_KINDS: QuestionKind[] = ['single_choice', 'multiple_choice'];

export function emptyValues(organizationId: string | undefined): Partial<EventFormValues> {
  return {
    organizationId,
    type: 'salon',
    capacity: 50,
    approvalRequired: false,
    waitlistEnabled: true,
    sessions: [{}],
    questions: [],
    speakerIds: [],
    reminderOffsetsMinutes: [...DEFAULT_REMINDER_OFFSETS],
  };
}

export function toValues(event: EventView): EventFormValues {
  const zone = event.timeZone;
  const wall = (iso: string | null) => (iso ? instantToWallClock(iso, zone) : null);
  return {
    organizationId: event.organizationId,
    type: event.type,
    title: event.title,
    description: event.description,
    venueId: event.venue?.id ?? null,
    onlineUrl: event.onlineUrl ?? undefined,
    capacity: event.capacity,
    approvalRequired: event.approvalRequired,
    waitlistEnabled: event.waitlistEnabled,
    registrationOpensAt: wall(event.registrationOpensAt),
    registrationClosesAt: wall(event.registrationClosesAt),
    sessions: event.sessions.map((s) => ({
      id: s.id,
      startsAt: wall(s.startsAt),
      endsAt: wall(s.endsAt),
      title: s.title ?? undefined,
    })),
    questions: event.questions.map((q) => ({ ...q })),
    speakerIds: event.speakers.map((s) => s.id),
    reminderOffsetsMinutes: event.reminderOffsetsMinutes,
  };
}

function toQuestion(q: QuestionValues): QuestionInput {
  const choice = CHOICE_KINDS.includes(q.kind);
  return {
    ...(q.id ? { id: q.id } : {}),
    label: q.label.trim(),
    kind: q.kind,
    required: !!q.required,
    ...(choice ? { options: (q.options ?? []).map((o) => o.trim()).filter(Boolean) } : {}),
  };
}

export function toUpdate(values: EventFormValues, zone: string): UpdateEventRequest {
  const instant = (d: Dayjs | null | undefined) => (d ? wallClockToInstant(d, zone) : null);
  return {
    type: values.type,
    title: values.title.trim(),
    description: values.description.trim(),
    venueId: values.venueId ?? null,
    onlineUrl: values.onlineUrl?.trim() || null,
    capacity: values.capacity,
    approvalRequired: !!values.approvalRequired,
    waitlistEnabled: !!values.waitlistEnabled,
    registrationOpensAt: instant(values.registrationOpensAt),
    registrationClosesAt: instant(values.registrationClosesAt),
    sessions: values.sessions.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      startsAt: instant(s.startsAt) as string,
      endsAt: instant(s.endsAt) as string,
      title: s.title?.trim() || null,
    })),
    questions: (values.questions ?? []).map(toQuestion),
    speakerIds: values.speakerIds ?? [],
    reminderOffsetsMinutes: values.reminderOffsetsMinutes ?? [],
  };
}

export function toCreate(values: EventFormValues, zone: string): CreateEventRequest {
  return {
    ...(toUpdate(values, zone) as Omit<CreateEventRequest, 'organizationId'>),
    organizationId: values.organizationId,
  };
}

/**
 * Puts the API's per-field messages (`sessions.1.endsAt`) under the form's fields; true when at
 * least one field was marked.
 */
export function markServerErrors(t: TFunction, form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return false;
  const fallback = errorMessage(t, error);
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const fields = error.fieldErrors
    .filter((f) => registered.has(f.field))
    .map((f) => ({
      name: f.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: error.code === 'VALIDATION_FAILED' && f.messages.length > 0 ? f.messages : [fallback],
    }));
  form.setFields(fields);
  return fields.length > 0;
}

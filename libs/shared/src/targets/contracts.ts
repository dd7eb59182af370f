import type { DashboardSatisfaction } from '../surveys/contracts';
import type { EventType } from '../events/contracts';
import type { PeriodQuery, ReportPeriod } from './period';

/** The numbers a base reports (docs/product.md, counting rules). */
export const METRICS = [
  'events_held',
  'sessions_held',
  'participant_visits',
  'unique_participants',
  'companies_served',
  'mentoring_sessions',
] as const;
export type Metric = (typeof METRICS)[number];

/** Metrics that come from events and can be broken down (and targeted) by event type. */
export const EVENT_METRICS: readonly Metric[] = ['events_held', 'sessions_held', 'participant_visits'];

export type PaceStatus = 'ahead' | 'on_track' | 'at_risk' | 'behind' | 'no_target';

export interface SetTargetRequest {
  /** A carrier's target (its organizers or an admin); absent or null for the base-wide one (admins). */
  organizationId?: string | null;
  metric: Metric;
  /** A target for one event type only, e.g. 12 roadshows. */
  eventType?: EventType | null;
  value: number;
}

export interface TargetView {
  year: number;
  organizationId: string | null;
  metric: Metric;
  eventType: EventType | null;
  value: number;
  updatedAt: string;
}

export interface TypeBreakdown {
  type: EventType;
  actual: number;
  target: number | null;
}

export interface CarrierBreakdown {
  organizationId: string;
  name: string;
  actual: number;
}

export interface MetricProgress {
  metric: Metric;
  target: number | null;
  actual: number;
  /** actual / target, 0–∞; null without a target. */
  percent: number | null;
  /** target × share of the year elapsed in the zone; null without a target. */
  expectedToDate: number | null;
  /** The year's total at the current pace. */
  forecast: number;
  status: PaceStatus;
  /** January … December in the carrier's zone. For unique counts: first seen in that month (so the months add up). */
  byMonth: number[];
  /** Event metrics only. */
  byType?: TypeBreakdown[];
  /** Per carrier, highest first (base-wide view); a carrier's own view has one row. */
  byCarrier: CarrierBreakdown[];
}

export interface DashboardView {
  /** The year of the period's first day (the year whose targets apply to a calendar-year period). */
  year: number;
  /** The period counted; targets and pace apply to calendar years only (other periods: no target). */
  period: ReportPeriod;
  /** null: base-wide, every carrier. */
  organizationId: string | null;
  timeZone: string;
  /** When these numbers were computed. */
  asOf: string;
  /** 0–1 of the period (the year) elapsed in `timeZone` (1 for past periods). */
  shareOfYearElapsed: number;
  metrics: MetricProgress[];
  /** Satisfaction surveys of the year's events (ended in the year), by event type and carrier. */
  satisfaction: DashboardSatisfaction;
}

/** A period (year, quarter, month or from/to) and a carrier, or base-wide without one (admins). */
export interface DashboardQuery extends PeriodQuery {
  organizationId?: string;
}

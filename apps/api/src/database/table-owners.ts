/**
 * Which feature folder owns (is the only code that writes) each table. Other features call the
 * owner's service or compose a statement the owner exports (events' `takeSeatStatement`,
 * notifications' `enqueueStatement`, audit's `auditStatement`) — they never write its table by hand.
 * test/api/table-ownership.e2e-spec.ts checks every write in apps/api/src against this list and every
 * table of the migrated database for an owner. A feature reads its own tables and what it needs
 * of others' for its own pages; the reports' reads across every feature (the counting rules, the
 * dashboard, the annual report) live in one place, the reporting/ read model.
 *
 * `demo/` is the one exception: it loads a whole demo base into an empty database in bulk, as a
 * restore would, once at start; never on a request's path (docs/architecture.md, "Who writes what").
 */
export const TABLE_OWNERS: Record<string, string> = {
  organizations: 'organizations',
  organization_members: 'organizations',
  door_staff: 'organizations',
  venues: 'organizations',
  users: 'users',
  companies: 'companies',
  auth_sessions: 'auth',
  known_devices: 'auth',
  one_time_codes: 'auth',
  phone_codes: 'auth',
  password_reset_tokens: 'auth',
  calendar_tokens: 'calendar',
  events: 'events',
  event_sessions: 'events',
  session_reminders: 'events',
  event_speakers: 'events',
  event_co_hosts: 'events',
  registrations: 'registrations',
  check_ins: 'attendance',
  certificates: 'certificates',
  mentor_profiles: 'mentors',
  mentor_invitations: 'mentors',
  bookings: 'office-hours',
  mentoring_requests: 'mentoring-requests',
  targets: 'reporting',
  // The dashboard's running counts: written by the triggers of the migrations and folded by reporting/.
  dashboard_counts: 'reporting',
  dashboard_count_deltas: 'reporting',
  dashboard_events: 'reporting',
  dashboard_sessions: 'reporting',
  dashboard_people: 'reporting',
  dashboard_bookings: 'reporting',
  outbox_messages: 'notifications',
  sms_outbox: 'notifications',
  audit_log: 'audit',
  period_locks: 'periods',
  survey_defaults: 'surveys',
  event_surveys: 'surveys',
  survey_invitations: 'surveys',
  survey_responses: 'surveys',
  event_messages: 'event-messages',
  event_images: 'event-images',
};

/** Folders that may write any table, and why (see above). */
export const BULK_LOADERS: Record<string, string> = {
  demo: 'loads the demo base into an empty database in bulk at start, like a restore; never on a request path',
};

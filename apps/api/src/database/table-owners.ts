/**
 * Which feature folder owns (is the only code that writes) each table. Other features call the
 * owner's service or compose a statement the owner exports (events' `takeSeatStatement`,
 * notifications' `enqueueStatement`, audit's `auditStatement`) — they never write its table by hand.
 * test/api/table-ownership.e2e-spec.ts checks every write in apps/api/src against this list and every
 * table of the migrated database for an owner. Reads may join across features; the reports' joins
 * live in targets/ (metrics, dashboard, annual report).
 *
 * `demo/` is the one exception: it loads a whole demo base into an empty database in bulk, as a
 * restore would, and is never on a user's path (see docs/architecture.md, "Who writes what").
 */
export const TABLE_OWNERS: Record<string, string> = {
  organizations: 'organizations',
  organization_members: 'organizations',
  venues: 'organizations',
  users: 'users',
  companies: 'companies',
  auth_sessions: 'auth',
  known_devices: 'auth',
  one_time_codes: 'auth',
  password_reset_tokens: 'auth',
  calendar_tokens: 'calendar',
  events: 'events',
  event_sessions: 'events',
  event_speakers: 'events',
  registrations: 'registrations',
  check_ins: 'attendance',
  certificates: 'certificates',
  mentor_profiles: 'mentors',
  mentor_invitations: 'mentors',
  bookings: 'office-hours',
  targets: 'targets',
  // The dashboard's running counts: written by the triggers of the migrations and folded by targets/.
  dashboard_counts: 'targets',
  dashboard_count_deltas: 'targets',
  dashboard_events: 'targets',
  dashboard_sessions: 'targets',
  dashboard_people: 'targets',
  dashboard_bookings: 'targets',
  outbox_messages: 'notifications',
  audit_log: 'audit',
};

/** Folders that may write any table, and why (see above). */
export const BULK_LOADERS: Record<string, string> = {
  demo: 'loads the demo base into an empty database in bulk, like a restore; never on a user path',
};

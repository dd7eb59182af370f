// Runs Jest suites with every clock of the run moved to an instant chosen to hurt (a weekend, a
// year end, a public holiday, a 调休 working Saturday, a daylight-saving change). Debian's libfaketime
// is preloaded into this process tree with a fixed offset, so Node, the embedded PostgreSQL started
// inside the run, the built API the browser tests start and the Chromium they drive all read the
// same faked time, which then ticks on at the real pace. docs/testing.md explains the choices.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The instants, in UTC. `files` are the suites run at that instant: the ones whose behaviour depends
 * on the date (see docs/testing.md for why each is there); the unit project runs at every instant.
 */
export const INSTANTS = [
  {
    name: 'saturday-afternoon',
    at: '2026-12-05T07:00:00Z',
    why: 'Saturday 15:00 in Asia/Shanghai: the week shown on a weekday mentor’s page is over',
  },
  {
    name: 'sunday-afternoon',
    at: '2026-12-06T07:00:00Z',
    why: 'Sunday 15:00 in Asia/Shanghai: ISO weeks end, "this week" and "next Monday" meet',
  },
  {
    name: 'new-year-eve',
    at: '2026-12-31T15:30:00Z',
    why: '23:30 on 31 Dec in Asia/Shanghai (still 2026) while UTC and Berlin say otherwise soon; "in a week" is next year',
  },
  {
    name: 'national-day',
    at: '2026-10-01T02:00:00Z',
    why: '1 Oct 10:00 in Asia/Shanghai: a public holiday (国庆节, 1–7 Oct) on which mentors offer no slots',
  },
  {
    name: 'tiaoxiu-saturday',
    at: '2026-10-10T02:00:00Z',
    why: 'Saturday 10 Oct 10:00 in Asia/Shanghai: a 调休 working day, slots as on a weekday',
  },
  {
    name: 'berlin-leaves-summer-time',
    at: '2026-10-25T00:30:00Z',
    why: '02:30 CEST on 25 Oct: Europe/Berlin turns its clocks back from 03:00 to 02:00 half an hour later',
  },
];

/** Debian's libfaketime (package libfaketime, installed with faketime), or null. */
export function libfaketimePath() {
  for (const dir of [
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/usr/lib',
    '/usr/local/lib',
  ]) {
    const path = `${dir}/faketime/libfaketime.so.1`;
    if (existsSync(path)) return path;
  }
  return null;
}

/** Installs Debian's faketime when running as root on a Debian-like machine; otherwise says how. */
export function ensureFaketime() {
  if (libfaketimePath()) return true;
  if (!(process.getuid?.() === 0 && existsSync('/usr/bin/apt-get'))) {
    console.log(
      'libfaketime was not found: install it (Debian/Ubuntu: apt-get install faketime); the runs at chosen instants will fail without it.',
    );
    return false;
  }
  console.log(
    "libfaketime was not found: installing Debian's faketime package for the runs at chosen instants…",
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['install', '-y', '-qq', 'faketime'], { stdio: 'inherit', env });
  return libfaketimePath() !== null;
}

/**
 * libfaketime's offset for an instant, as FAKETIME understands it ("+123s" / "-123s"). An offset
 * (not a start time, "@…") keeps every process of the tree on one clock: a start time would restart
 * the clock in each process as it starts (PostgreSQL, the API, Chromium), skewing them apart.
 */
export function offsetFor(at, now = Date.now()) {
  const seconds = Math.round((Date.parse(at) - now) / 1000);
  return `${seconds >= 0 ? '+' : ''}${seconds}s`;
}

/**
 * The environment that moves a process tree's clocks by `offset` (offsetFor's format). libfaketime
 * is preloaded directly rather than through the `faketime` command, which forks and would not pass
 * signals on to the process it starts.
 */
export function fakedClockEnv(offset, env = process.env) {
  const lib = libfaketimePath();
  if (!lib) throw new Error('libfaketime is not installed (apt-get install faketime)');
  return { ...env, LD_PRELOAD: lib, FAKETIME: offset };
}

/** Runs `node script args…` with every clock moved to `at`; resolves with the exit status. */
export function runAt(at, script, args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: 'inherit',
      env: fakedClockEnv(offsetFor(at), env),
    });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const at = (name) => {
  const instant = INSTANTS.find((i) => i.name === name);
  if (!instant) throw new Error(`no instant named ${name}`);
  return instant;
};

/** Unit specs whose rules read the date: slots, holidays, pace, calendars, codes, reminders. */
const DATED_UNIT = [
  'libs/shared/src/mentors/slots.spec.ts',
  'libs/shared/src/targets/pace.spec.ts',
  'libs/shared/src/locale/locale.spec.ts',
  'apps/api/src/mentors/holidays.spec.ts',
  'apps/api/src/notifications/ics.spec.ts',
  'apps/api/src/notifications/outbox.worker.spec.ts',
  'apps/api/src/notifications/templates/templates.spec.ts',
  'apps/api/src/attendance/self-check-in.codes.spec.ts',
];

/**
 * API suites whose fixtures pick "next week", "this year" or a slot from the clock: office hours
 * (weeks, holidays, 调休), the base's year (dashboard, targets, demo data) and sessions in the future.
 */
const DATED_API = [
  'test/api/bookings.e2e-spec.ts',
  'test/api/mentors.e2e-spec.ts',
  'test/api/mentors-demo.e2e-spec.ts',
  'test/api/calendar.e2e-spec.ts',
  'test/api/dashboard.e2e-spec.ts',
  'test/api/demo.e2e-spec.ts',
  'test/api/attendance.e2e-spec.ts',
];

/** Suites about events' and registrations' dates: closing, reminders, certificates, the year's end. */
const EVENT_DATES = [
  'test/api/events.e2e-spec.ts',
  'test/api/registrations.e2e-spec.ts',
  'test/api/certificates.e2e-spec.ts',
  'test/api/no-shows.e2e-spec.ts',
  'test/api/event-feed.e2e-spec.ts',
  'test/api/organizer-tools.e2e-spec.ts',
  'test/api/period-locks.e2e-spec.ts',
];

/**
 * Which suites run at which instant (scripts/test.mjs runs each entry in its own faked process tree).
 * The unit and office-hours API suites run at every instant; the browser's mentor page where weeks,
 * holidays and summer time change what it opens on; the event and year-end suites on New Year's Eve
 * and a Sunday. About 20 minutes in all on CI's two cores; docs/testing.md has the table.
 */
export const CLOCK_RUNS = [
  {
    ...at('saturday-afternoon'),
    projects: ['unit', 'api', 'web'],
    files: [...DATED_UNIT, ...DATED_API, 'test/web/mentors.e2e-spec.ts'],
  },
  {
    ...at('sunday-afternoon'),
    projects: ['unit', 'api'],
    files: [...DATED_UNIT, ...DATED_API, ...EVENT_DATES],
  },
  {
    ...at('new-year-eve'),
    projects: ['unit', 'api', 'chaos', 'web'],
    files: [
      ...DATED_UNIT,
      ...DATED_API,
      ...EVENT_DATES,
      'test/chaos/reminders-twice.e2e-spec.ts',
      'test/web/events.e2e-spec.ts',
      'test/web/dashboard.e2e-spec.ts',
      'test/web/public-pages.e2e-spec.ts',
    ],
  },
  {
    ...at('national-day'),
    projects: ['unit', 'api', 'web'],
    files: [...DATED_UNIT, ...DATED_API, 'test/web/mentors.e2e-spec.ts'],
  },
  {
    ...at('tiaoxiu-saturday'),
    projects: ['unit', 'api', 'web'],
    files: [...DATED_UNIT, ...DATED_API, 'test/web/mentors.e2e-spec.ts'],
  },
  {
    ...at('berlin-leaves-summer-time'),
    projects: ['unit', 'api', 'chaos', 'web'],
    files: [
      ...DATED_UNIT,
      ...DATED_API,
      'test/chaos/reminders-twice.e2e-spec.ts',
      'test/web/mentors.e2e-spec.ts',
    ],
  },
];

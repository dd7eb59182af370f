import type { Role } from '@wutong/shared';

export interface NavItem {
  path: string;
  /** i18n key of the label. */
  label: string;
  /** Roles that see the item; everyone signed in is a founder. */
  roles: readonly Role[];
}

const ORGANIZING: readonly Role[] = ['organizer', 'admin'];

/** The menu, in order. Admins may do whatever an organizer may (docs/api.md), so they see those items too. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/events', label: 'nav.events', roles: ['founder'] },
  { path: '/mentors', label: 'nav.mentors', roles: ['founder'] },
  { path: '/find-mentor', label: 'nav.findMentor', roles: ['founder'] },
  { path: '/me/registrations', label: 'nav.myRegistrations', roles: ['founder'] },
  { path: '/me/bookings', label: 'nav.myBookings', roles: ['founder'] },
  { path: '/me/attendance', label: 'attendance.nav', roles: ['founder'] },
  { path: '/me/surveys', label: 'surveys.nav', roles: ['founder'] },
  { path: '/me/office-hours', label: 'nav.officeHours', roles: ['mentor'] },
  { path: '/me/mentor-profile', label: 'nav.mentorProfile', roles: ['mentor'] },
  { path: '/manage/events', label: 'nav.manageEvents', roles: ORGANIZING },
  { path: '/check-in', label: 'nav.checkIn', roles: [...ORGANIZING, 'door_staff'] },
  { path: '/manage/door-staff', label: 'nav.doorStaff', roles: ORGANIZING },
  { path: '/dashboard', label: 'nav.dashboard', roles: ORGANIZING },
  { path: '/manage/no-show-contests', label: 'nav.noShowContests', roles: ORGANIZING },
  { path: '/manage/coaching-records', label: 'nav.coachingRecords', roles: ORGANIZING },
  { path: '/manage/mentoring-requests', label: 'nav.mentoringQueue', roles: ORGANIZING },
  { path: '/manage/companies', label: 'nav.companies', roles: ORGANIZING },
  { path: '/admin/carriers', label: 'nav.carriers', roles: ['admin'] },
  { path: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { path: '/admin/accounts', label: 'nav.accounts', roles: ['admin'] },
  { path: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
  { path: '/admin/periods', label: 'nav.periods', roles: ['admin'] },
  { path: '/admin/surveys', label: 'surveys.default.nav', roles: ['admin'] },
];

/** Door staff who organize nothing: their account is for the door, and the door is all they see. */
export function doorOnly(roles: readonly Role[]): boolean {
  return roles.includes('door_staff') && !roles.includes('organizer') && !roles.includes('admin');
}

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  if (doorOnly(roles)) return NAV_ITEMS.filter((item) => item.roles.includes('door_staff'));
  return NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)));
}

import type { Locale, QuestionView, RegistrantView, RegistrationStatus } from '@wutong/shared';
import { toCsv } from '../common/http/csv';

const HEADERS = {
  'zh-CN': ['姓名', '邮箱', '手机', '企业', '状态', '候补位次', '报名时间', '电子票'],
  en: ['Name', 'Email', 'Phone', 'Company', 'Status', 'Waitlist position', 'Registered at', 'Ticket'],
};
const STATUS = {
  'zh-CN': {
    pending_approval: '待审核',
    confirmed: '已确认',
    waitlisted: '候补',
    cancelled: '已取消',
    rejected: '未通过',
  },
  en: {
    pending_approval: 'Pending approval',
    confirmed: 'Confirmed',
    waitlisted: 'Waitlisted',
    cancelled: 'Cancelled',
    rejected: 'Rejected',
  },
} satisfies Record<Locale, Record<RegistrationStatus, string>>;

/** One row per registration with every answer, times in the carrier's zone, headers in the reader's language. */
export function registrantsCsv(
  locale: Locale,
  timeZone: string,
  questions: QuestionView[],
  registrants: RegistrantView[],
): string {
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  return toCsv([
    [...HEADERS[locale], ...questions.map((q) => q.label)],
    ...registrants.map((r) => [
      r.user.displayName,
      r.user.email,
      r.user.phone,
      r.user.companyName,
      STATUS[locale][r.status],
      r.waitlistPosition,
      time.format(new Date(r.createdAt)),
      r.ticketCode,
      ...questions.map((q) => {
        const a = r.answers[q.id];
        return Array.isArray(a) ? a.join('; ') : a;
      }),
    ]),
  ]);
}

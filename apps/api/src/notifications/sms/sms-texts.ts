import type { Locale, NotificationChannels } from '@wutong/shared';

/**
 * The notices that go by mail, text or both, by the person's choice. Each is one approved template
 * per language at Aliyun/Tencent (SMS_TEMPLATES: `<kind>` for Chinese, `<kind>:en` for English).
 */
export type NoticeKind =
  | 'registration_confirmed'
  | 'registration_waitlisted'
  | 'registration_promoted'
  | 'session_reminder'
  | 'event_changed'
  | 'event_cancelled'
  | 'booking_confirmed'
  | 'booking_cancelled'
  | 'booking_reminder';

/** The parameters of each notice, in template order (Tencent fills `{1}`, `{2}`… by position). */
export const NOTICE_PARAMS: Record<NoticeKind, readonly string[]> = {
  registration_confirmed: ['event', 'when'],
  registration_waitlisted: ['event', 'position'],
  registration_promoted: ['event', 'when'],
  session_reminder: ['event', 'when'],
  event_changed: ['event', 'when'],
  event_cancelled: ['event'],
  booking_confirmed: ['other', 'when'],
  booking_cancelled: ['other', 'when'],
  booking_reminder: ['other', 'when'],
};

type Params = Record<string, string>;

/**
 * The texts, without the sign name (the worker puts `【SMS_SIGN_NAME】` in front; template providers
 * add it from SignName). Rule: with a 20-character title and a short time they stay within one
 * 70-character part, sign name included; no links, the reader opens Wutong.
 */
const TEXTS: Record<NoticeKind, Record<Locale, (p: Params) => string>> = {
  registration_confirmed: {
    'zh-CN': (p) => `您已成功报名「${p.event}」，${p.when}开始。电子票请在梧桐查看。`,
    en: (p) => `You're registered for "${p.event}", ${p.when}. Your ticket is in Wutong.`,
  },
  registration_waitlisted: {
    'zh-CN': (p) => `您已进入「${p.event}」候补名单第${p.position}位，有空位时我们会通知您。`,
    en: (p) => `You're #${p.position} on the waitlist of "${p.event}". We'll tell you if a seat frees up.`,
  },
  registration_promoted: {
    'zh-CN': (p) => `「${p.event}」有空位了，您已从候补转为报名成功，${p.when}开始。`,
    en: (p) => `A seat freed up: you're now registered for "${p.event}", ${p.when}.`,
  },
  session_reminder: {
    'zh-CN': (p) => `提醒：「${p.event}」将于${p.when}开始，请准时参加。`,
    en: (p) => `Reminder: "${p.event}" starts ${p.when}.`,
  },
  event_changed: {
    'zh-CN': (p) => `「${p.event}」有变更，时间：${p.when}。详情请在梧桐查看。`,
    en: (p) => `"${p.event}" has changed: ${p.when}. Details in Wutong.`,
  },
  event_cancelled: {
    'zh-CN': (p) => `很抱歉，「${p.event}」已取消。`,
    en: (p) => `Sorry, "${p.event}" has been cancelled.`,
  },
  booking_confirmed: {
    'zh-CN': (p) => `您与${p.other}的辅导已确认：${p.when}。`,
    en: (p) => `Your office hours with ${p.other} are confirmed: ${p.when}.`,
  },
  booking_cancelled: {
    'zh-CN': (p) => `您与${p.other}在${p.when}的辅导已取消。`,
    en: (p) => `Your office hours with ${p.other} on ${p.when} are cancelled.`,
  },
  booking_reminder: {
    'zh-CN': (p) => `提醒：您与${p.other}的辅导将于${p.when}开始。`,
    en: (p) => `Reminder: office hours with ${p.other} start ${p.when}.`,
  },
};

export const isNoticeKind = (kind: string): kind is NoticeKind => kind in TEXTS;

/** A notice's text with the sign name, in the reader's language. */
export function renderNotice(kind: NoticeKind, locale: Locale, params: Params, signName: string): string {
  return `【${signName}】${TEXTS[kind][locale === 'en' ? 'en' : 'zh-CN'](params)}`;
}

/**
 * A notice's parameters as its text and the provider's template take them. A statement that cannot
 * format a time in the reader's zone and language (a new booking's, queued in SQL) stores the moment
 * as `at` (milliseconds) and the reader's `zone`; `when` is made from them here, when the text is sent.
 */
export function textParams(locale: Locale, stored: Record<string, string | number>): Params {
  const { at, zone, ...rest } = stored;
  const params = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)]));
  if (params.when === undefined && at !== undefined && zone !== undefined)
    params.when = shortWhen(new Date(Number(at)), String(zone), locale);
  return params;
}

/** A title cut for a text: 20 characters at most, spaces folded. */
export function shortTitle(title: string, max = 20): string {
  const t = title.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const shortFormats = new Map<string, Intl.DateTimeFormat>();

/** "12月8日 14:00" / "8 Dec 14:00" in the reader's zone: a text's time, short. */
export function shortWhen(at: Date, timeZone: string, locale: Locale): string {
  const key = `${locale} ${timeZone}`;
  let f = shortFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    shortFormats.set(key, f);
  }
  return f.format(at).replace(',', '');
}

/**
 * Which channels a notice takes. The choice picks among what the person has (a verified email for
 * mail, a verified phone for texts); a choice they cannot receive falls back to the other channel,
 * so nobody with an address misses a notice: an account with only a phone gets texts.
 */
export function channelsFor(
  choice: NotificationChannels,
  hasMail: boolean,
  hasPhone: boolean,
): { mail: boolean; sms: boolean } {
  if (choice === 'email') return { mail: hasMail, sms: !hasMail && hasPhone };
  if (choice === 'sms') return { mail: !hasPhone && hasMail, sms: hasPhone };
  return { mail: hasMail, sms: hasPhone };
}

/**
 * The same rule in SQL over a `users` row aliased `u`, for statements that choose in the database
 * (the registration hot path). Mail needs a verified account with an address, texts a verified phone.
 */
export const USER_HAS_MAIL_SQL = `(u.email IS NOT NULL AND u.email_verified_at IS NOT NULL)`;
export const USER_GETS_MAIL_SQL = `(${USER_HAS_MAIL_SQL} AND (u.notification_channels <> 'sms' OR u.verified_phone IS NULL))`;
export const USER_GETS_SMS_SQL = `(u.verified_phone IS NOT NULL AND (u.notification_channels <> 'email' OR NOT ${USER_HAS_MAIL_SQL}))`;

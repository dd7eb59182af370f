import type { Locale } from '@wutong/shared';
import { layout, type RenderedMail } from './layout';

/** What every event mail names: who, which event, when (already formatted for the reader), where. */
interface EventMail {
  displayName: string;
  eventTitle: string;
  /** One line per session, in the carrier's zone and the reader's language. */
  when: string[];
  place: string | null;
  eventUrl: string;
}

export interface EventTemplates {
  registrationConfirmed: EventMail & { ticketUrl: string };
  registrationWaitlisted: EventMail & { position: number };
  registrationPending: EventMail;
  registrationPromoted: EventMail & { ticketUrl: string };
  registrationApproved: EventMail & { ticketUrl: string };
  registrationRejected: EventMail;
  registrationCancelled: EventMail;
  eventChanged: EventMail;
  eventCancelled: EventMail;
  /** `hoursAhead`: how long before the session it is sent (the event's offsets, 15 min to 14 days). */
  sessionReminder: EventMail & { ticketUrl: string; hoursAhead?: number };
}

type Renderers = { [K in keyof EventTemplates]: (locale: Locale, p: EventTemplates[K]) => RenderedMail };

function details(locale: Locale, p: EventMail): string[] {
  const zh = locale === 'zh-CN';
  const lines = [
    `${zh ? '活动' : 'Event'}: ${p.eventTitle}`,
    ...p.when.map((w) => `${zh ? '时间' : 'When'}: ${w}`),
  ];
  if (p.place) lines.push(`${zh ? '地点' : 'Where'}: ${p.place}`);
  return lines;
}

function mail(
  locale: Locale,
  p: EventMail,
  subject: { zh: string; en: string },
  text: { zh: string[]; en: string[] },
  action?: { zh: string; en: string; url: string },
): RenderedMail {
  const zh = locale === 'zh-CN';
  const hello = zh ? `${p.displayName}，您好！` : `Hello ${p.displayName},`;
  return layout(
    locale,
    `${zh ? subject.zh : subject.en}：${p.eventTitle}`.replace('：', zh ? '：' : ': '),
    [hello, ...(zh ? text.zh : text.en), ...details(locale, p)],
    action
      ? { label: zh ? action.zh : action.en, url: action.url }
      : { label: zh ? '查看活动' : 'View the event', url: p.eventUrl },
  );
}

/** A reminder says when: "tomorrow" only about a day ahead (an organizer may remind 2 h or a week before). */
function reminderSubject(hoursAhead: number): { zh: string; en: string } {
  if (hoursAhead < 12) return { zh: '活动即将开始', en: 'Starting soon' };
  if (hoursAhead <= 36) return { zh: '明天见', en: 'See you tomorrow' };
  return { zh: '活动提醒', en: 'Coming up' };
}

export const EVENT_TEMPLATES: Renderers = {
  registrationConfirmed: (l, p) =>
    mail(
      l,
      p,
      { zh: '报名成功', en: 'You are registered' },
      {
        zh: ['您已成功报名，入场时请出示电子票二维码。日程已附在邮件中，可加入日历。'],
        en: [
          'Your seat is confirmed. Show the QR ticket at the door; the attached invite adds the sessions to your calendar.',
        ],
      },
      { zh: '查看电子票', en: 'Show my ticket', url: p.ticketUrl },
    ),
  registrationWaitlisted: (l, p) =>
    mail(
      l,
      p,
      { zh: '已加入候补', en: 'You are on the waitlist' },
      {
        zh: [`活动名额已满，您在候补名单第 ${p.position} 位。有人取消时将按顺序递补，递补成功会再通知您。`],
        en: [
          `The event is full; you are number ${p.position} on the waitlist. When a seat frees up it goes to the next in line, and we will tell you.`,
        ],
      },
    ),
  registrationPending: (l, p) =>
    mail(
      l,
      p,
      { zh: '报名已提交，等待审核', en: 'Registration received, awaiting approval' },
      {
        zh: ['主办方将审核报名信息，审核结果会邮件通知您。'],
        en: ['The organizers review every application and will let you know.'],
      },
    ),
  registrationPromoted: (l, p) =>
    mail(
      l,
      p,
      { zh: '候补成功', en: 'A seat freed up for you' },
      {
        zh: ['有人取消了报名，您已从候补转为正式报名。入场时请出示电子票二维码。'],
        en: [
          'Someone cancelled and you moved up from the waitlist: your seat is confirmed. Show the QR ticket at the door.',
        ],
      },
      { zh: '查看电子票', en: 'Show my ticket', url: p.ticketUrl },
    ),
  registrationApproved: (l, p) =>
    mail(
      l,
      p,
      { zh: '报名审核通过', en: 'Your application was approved' },
      {
        zh: ['恭喜，您的报名已通过审核。入场时请出示电子票二维码。'],
        en: ['Congratulations, your application was approved. Show the QR ticket at the door.'],
      },
      { zh: '查看电子票', en: 'Show my ticket', url: p.ticketUrl },
    ),
  registrationRejected: (l, p) =>
    mail(
      l,
      p,
      { zh: '报名未通过审核', en: 'Your application was not accepted' },
      {
        zh: ['很遗憾，本次活动名额有限，您的报名未能通过审核。欢迎关注基地的其他活动。'],
        en: [
          'We are sorry: places were limited and your application was not accepted this time. Have a look at our other events.',
        ],
      },
    ),
  registrationCancelled: (l, p) =>
    mail(
      l,
      p,
      { zh: '报名已取消', en: 'Your registration was cancelled' },
      {
        zh: ['您的报名已取消，名额已释放给其他人。'],
        en: ['Your registration is cancelled and the seat has gone back to the pool.'],
      },
    ),
  eventChanged: (l, p) =>
    mail(
      l,
      p,
      { zh: '活动时间或地点有变', en: 'The event has changed' },
      {
        zh: ['您报名的活动时间或地点有调整，请以下面的信息为准。附件中的日历邀请会更新您的日历。'],
        en: [
          'The time or place of your event changed; the details below are current. The attached invite updates your calendar.',
        ],
      },
    ),
  eventCancelled: (l, p) =>
    mail(
      l,
      p,
      { zh: '活动已取消', en: 'The event is cancelled' },
      {
        zh: ['很抱歉，您报名的活动已取消。附件会从您的日历中移除该活动。'],
        en: ['We are sorry: the event is cancelled. The attachment removes it from your calendar.'],
      },
    ),
  sessionReminder: (l, p) =>
    mail(
      l,
      p,
      reminderSubject(p.hoursAhead ?? 24),
      {
        zh: ['提醒您：报名的活动即将开始。入场时请出示电子票二维码。'],
        en: ['A reminder: your event starts soon. Show the QR ticket at the door.'],
      },
      { zh: '查看电子票', en: 'Show my ticket', url: p.ticketUrl },
    ),
};

import type { Locale } from '@wutong/shared';
import { EVENT_TEMPLATES, type EventTemplates } from './events';
import { inlineName, layout, type RenderedMail } from './layout';

/** Every mail the product sends, by name, with the values it needs, in zh-CN and en. */
export interface MailTemplates extends EventTemplates {
  welcome: { displayName: string; appUrl: string };
  /** No text of the account's: the address is not confirmed yet, so whoever signed up may not own it. */
  verifyEmail: { code: string; verifyUrl: string; validMinutes: number };
  /** A way in from a new device while the account is closed to unknown devices; no user text either. */
  signInCode: { code: string; validMinutes: number };
  /** `displayName` null for an account whose address is not confirmed (its name is not the owner's word). */
  passwordReset: { displayName: string | null; resetUrl: string; validMinutes: number };
  passwordChanged: { displayName: string };
  // mentors and office hours (issue #5)
  mentorInvitation: {
    /** The inviter's display name and carrier: text they typed, quoted at the end, never the opening. */
    inviterName: string;
    carrierName: string | null;
    /** The address the invitation is bound to. */
    inviteeEmail: string;
    acceptUrl: string;
    validDays: number;
  };
  bookingConfirmed: OfficeHourMail & { place: string; bookingsUrl: string };
  bookingCancelled: OfficeHourMail & { byOther: boolean; reason: string | null };
  bookingReminder: OfficeHourMail & { place: string; hoursBefore: number };
  bookingRequested: OfficeHourMail & { answerBy: string; intake: string[]; bookingsUrl: string };
  bookingDeclined: OfficeHourMail & { reason: string | null; mentorUrl: string };
  bookingExpired: OfficeHourMail & { mentorUrl: string };
  bookingRescheduled: OfficeHourMail & {
    /** The old time, in the recipient's zone. */
    was: string;
    byOther: boolean;
    /** Still a request waiting for the mentor's answer. */
    requested: boolean;
    place: string;
    bookingsUrl: string;
  };
  bookingFeedbackRequest: OfficeHourMail & { feedbackUrl: string };
  bookingNoShow: OfficeHourMail & { note: string | null; contestUrl: string };
  /** Satisfaction survey after an event (issue 18, point 4); the link opens that survey only. */
  surveyInvitation: { displayName: string; eventTitle: string; surveyUrl: string };
  bookingContestDecided: OfficeHourMail & {
    overturned: boolean;
    decisionNote: string | null;
    bookingsUrl: string;
  };
  // matching by need (issue #19)
  /** The carrier's organizer chose a mentor for the founder's need; `otherName` is the mentor. */
  mentoringAssigned: { displayName: string; otherName: string; carrierName: string; mentorUrl: string };
}
export type TemplateName = keyof MailTemplates;

/** Shared values of office-hour mails; `when` is formatted in the recipient's zone and language. */
export interface OfficeHourMail {
  displayName: string;
  /** The other side of the booking. */
  otherName: string;
  /** The recipient's side. */
  role: 'founder' | 'mentor';
  when: string;
  topic: string;
}

type Renderers = { [K in TemplateName]: (locale: Locale, p: MailTemplates[K]) => RenderedMail };

const zh = (locale: Locale) => locale === 'zh-CN';

export const TEMPLATES: Renderers = {
  ...EVENT_TEMPLATES,
  welcome: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          '欢迎加入梧桐',
          [
            `${p.displayName}，您好！`,
            '欢迎加入梧桐。您可以在这里报名创业沙龙、融资路演和培训，并预约创业导师的辅导时间。',
          ],
          { label: '开始使用', url: p.appUrl },
        )
      : layout(
          locale,
          'Welcome to Wutong',
          [
            `Hello ${p.displayName},`,
            'Welcome to Wutong. Register for startup salons, financing roadshows and trainings, and book office hours with mentors.',
          ],
          { label: 'Get started', url: p.appUrl },
        ),
  verifyEmail: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          `梧桐邮箱验证码：${p.code}`,
          [
            '您好！',
            `有人用这个邮箱注册了梧桐账号。验证码是 ${p.code}，${p.validMinutes} 分钟内有效。请在梧桐页面中输入，或点击下方按钮完成验证。`,
            '如果这不是您本人的操作，请忽略此邮件：未验证的账号不能报名活动或预约导师，也不会再给您发邮件。',
          ],
          { label: '验证邮箱', url: p.verifyUrl },
        )
      : layout(
          locale,
          `Your Wutong verification code: ${p.code}`,
          [
            'Hello,',
            `Someone signed up for Wutong with this address. The code is ${p.code}, valid for ${p.validMinutes} minutes. Enter it in Wutong, or use the button below.`,
            'If this was not you, ignore this mail: an unverified account cannot register for events or book mentors, and we will not mail you again.',
          ],
          { label: 'Verify my email', url: p.verifyUrl },
        ),
  signInCode: (locale, p) =>
    zh(locale)
      ? layout(locale, `梧桐登录验证码：${p.code}`, [
          '您好！',
          `您的账号近期有多次密码错误，来自新设备的登录需要这个验证码：${p.code}（${p.validMinutes} 分钟内有效，只能使用一次）。请在登录页与密码一同填写。`,
          '如果这不是您本人的操作，说明有人在尝试您的密码：请勿把验证码告诉任何人，并考虑开启两步验证。',
        ])
      : layout(locale, `Your Wutong sign-in code: ${p.code}`, [
          'Hello,',
          `After several wrong passwords, signing in to your account from a new device needs this code: ${p.code} (valid for ${p.validMinutes} minutes, once). Enter it with your password on the sign-in page.`,
          'If this was not you, someone is trying your password: never share this code, and consider turning on two-step sign-in.',
        ]),
  passwordReset: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          '重置您的梧桐密码',
          [
            p.displayName === null ? '您好！' : `${p.displayName}，您好！`,
            `我们收到了重置密码的请求。请在 ${p.validMinutes} 分钟内点击下方链接设置新密码，链接只能使用一次。`,
            '如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。',
          ],
          { label: '设置新密码', url: p.resetUrl },
        )
      : layout(
          locale,
          'Reset your Wutong password',
          [
            p.displayName === null ? 'Hello,' : `Hello ${p.displayName},`,
            `We received a request to reset your password. Use the link below within ${p.validMinutes} minutes; it works once.`,
            'If you did not ask for this, ignore this mail and your password stays as it is.',
          ],
          { label: 'Set a new password', url: p.resetUrl },
        ),
  passwordChanged: (locale, p) =>
    zh(locale)
      ? layout(locale, '您的梧桐密码已修改', [
          `${p.displayName}，您好！`,
          '您的密码刚刚被修改，其他设备上的登录已全部退出。如果这不是您本人的操作，请立即通过“忘记密码”重置。',
        ])
      : layout(locale, 'Your Wutong password was changed', [
          `Hello ${p.displayName},`,
          'Your password was just changed and every other signed-in device was signed out. If this was not you, reset it now with "Forgot password".',
        ]),
  mentorInvitation: (locale, p) => {
    const inviter = inlineName(p.inviterName, 100);
    const carrier = p.carrierName ? inlineName(p.carrierName, 100) : null;
    return zh(locale)
      ? layout(
          locale,
          '邀请您成为梧桐创业导师',
          [
            '您好！',
            '梧桐双创示范基地邀请您加入创业导师团。接受邀请后，您可以完善导师资料、公布辅导时间，创业者即可在线预约。',
            `此邀请发给 ${p.inviteeEmail}，只能由这个邮箱的账号接受：请在 ${p.validDays} 天内打开下方链接，用该邮箱注册或登录后即成为导师。`,
          ],
          { label: '接受邀请', url: p.acceptUrl },
          [
            `邀请人（自填名称）：「${inviter}」${carrier ? `，所属载体：「${carrier}」` : ''}。`,
            '如果您不认识邀请人或没有预期收到此邮件，请忽略它：不接受邀请不会产生任何后果。',
          ],
        )
      : layout(
          locale,
          'You are invited to mentor on Wutong',
          [
            'Hello,',
            'The Wutong innovation base invites you to join its mentor pool. Once you accept, you keep a profile and publish office hours that founders book online.',
            `This invitation was sent to ${p.inviteeEmail} and only the account with that address can accept it: open the link below within ${p.validDays} days and sign up or log in with that address.`,
          ],
          { label: 'Accept the invitation', url: p.acceptUrl },
          [
            `Invited by (a name they entered themselves): “${inviter}”${carrier ? `, of the carrier “${carrier}”` : ''}.`,
            'If you do not know them or did not expect this mail, ignore it: nothing happens unless you accept.',
          ],
        );
  },
  bookingConfirmed: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          `辅导预约已确认：${p.when}`,
          [
            `${p.displayName}，您好！`,
            p.role === 'founder'
              ? `您已成功预约 ${p.otherName} 导师的辅导。`
              : `创业者 ${p.otherName} 预约了您的辅导时间。`,
            `时间：${p.when}`,
            `主题：${p.topic}`,
            `地点：${p.place}`,
            '附件中的日历邀请可直接加入您的日历。如需取消，请在“我的预约”中操作。',
          ],
          { label: '查看我的预约', url: p.bookingsUrl },
        )
      : layout(
          locale,
          `Office hours booked: ${p.when}`,
          [
            `Hello ${p.displayName},`,
            p.role === 'founder'
              ? `Your session with mentor ${p.otherName} is booked.`
              : `Founder ${p.otherName} booked your office hours.`,
            `When: ${p.when}`,
            `Topic: ${p.topic}`,
            `Where: ${p.place}`,
            'The attached invitation adds it to your calendar. To cancel, use "My bookings".',
          ],
          { label: 'My bookings', url: p.bookingsUrl },
        ),
  bookingCancelled: (locale, p) =>
    zh(locale)
      ? layout(locale, `辅导预约已取消：${p.when}`, [
          `${p.displayName}，您好！`,
          p.byOther
            ? `${p.otherName} 取消了 ${p.when} 的辅导预约（主题：${p.topic}）。`
            : `您已取消 ${p.when} 与 ${p.otherName} 的辅导预约（主题：${p.topic}）。`,
          ...(p.reason ? [`原因：${p.reason}`] : []),
          '附件中的日历更新会把它从您的日历中移除。',
        ])
      : layout(locale, `Office hours cancelled: ${p.when}`, [
          `Hello ${p.displayName},`,
          p.byOther
            ? `${p.otherName} cancelled the session on ${p.when} (topic: ${p.topic}).`
            : `You cancelled your session with ${p.otherName} on ${p.when} (topic: ${p.topic}).`,
          ...(p.reason ? [`Reason: ${p.reason}`] : []),
          'The attached calendar update removes it from your calendar.',
        ]),
  bookingReminder: (locale, p) =>
    zh(locale)
      ? layout(locale, `辅导提醒：${p.hoursBefore === 1 ? '1 小时后' : '明天'}与 ${p.otherName} 见面`, [
          `${p.displayName}，您好！`,
          `提醒您：${p.when} 与 ${p.otherName} 的辅导即将开始。`,
          `主题：${p.topic}`,
          `地点：${p.place}`,
        ])
      : layout(locale, `Reminder: ${p.hoursBefore === 1 ? 'in an hour' : 'tomorrow'} with ${p.otherName}`, [
          `Hello ${p.displayName},`,
          `Your session with ${p.otherName} starts ${p.when}.`,
          `Topic: ${p.topic}`,
          `Where: ${p.place}`,
        ]),
  bookingRequested: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          p.role === 'mentor'
            ? `新的辅导申请：${p.otherName}，${p.when}`
            : `辅导申请已提交，等待导师确认：${p.when}`,
          [
            `${p.displayName}，您好！`,
            p.role === 'mentor'
              ? `创业者 ${p.otherName} 申请了您的辅导时间，请在 ${p.answerBy} 前确认或婉拒，逾期申请自动失效。`
              : `您向 ${p.otherName} 导师提交的辅导申请已送达。导师确认后您会收到确认邮件和日历邀请；若 ${p.answerBy} 前未确认，申请自动失效。`,
            `时间：${p.when}`,
            `主题：${p.topic}`,
            ...(p.role === 'mentor' ? p.intake : []),
          ],
          { label: p.role === 'mentor' ? '去处理申请' : '查看我的预约', url: p.bookingsUrl },
        )
      : layout(
          locale,
          p.role === 'mentor'
            ? `New request: ${p.otherName}, ${p.when}`
            : `Request sent, waiting for the mentor: ${p.when}`,
          [
            `Hello ${p.displayName},`,
            p.role === 'mentor'
              ? `Founder ${p.otherName} asks for your office hours. Please accept or decline by ${p.answerBy}; unanswered requests lapse.`
              : `Your request to mentor ${p.otherName} has been sent. Once the mentor accepts, you get a confirmation and a calendar invitation; if there is no answer by ${p.answerBy}, the request lapses.`,
            `When: ${p.when}`,
            `Topic: ${p.topic}`,
            ...(p.role === 'mentor' ? p.intake.map((line) => line.replace('：', ': ')) : []),
          ],
          { label: p.role === 'mentor' ? 'Answer the request' : 'My bookings', url: p.bookingsUrl },
        ),
  mentoringAssigned: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          `载体为您安排了导师：${p.otherName}`,
          [
            `${p.displayName}，您好！`,
            `${p.carrierName} 根据您提交的辅导需求，为您安排了 ${p.otherName} 导师。`,
            '请打开导师主页，从导师公布的时间中预约一次辅导。',
          ],
          { label: '预约导师', url: p.mentorUrl },
        )
      : layout(
          locale,
          `A mentor was assigned to you: ${p.otherName}`,
          [
            `Hello ${p.displayName},`,
            `${p.carrierName} assigned mentor ${p.otherName} to the mentoring need you sent.`,
            "Open the mentor's page and book a session from the times the mentor offers.",
          ],
          { label: 'Book the mentor', url: p.mentorUrl },
        ),
  bookingDeclined: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          `导师未能接受您的辅导申请：${p.when}`,
          [
            `${p.displayName}，您好！`,
            `${p.otherName} 导师未能接受 ${p.when} 的辅导申请（主题：${p.topic}），这个时段已释放。`,
            ...(p.reason ? [`导师的说明：${p.reason}`] : []),
            '您可以另选时间再次申请，或预约其他导师。',
          ],
          { label: '另选时间', url: p.mentorUrl },
        )
      : layout(
          locale,
          `The mentor could not take your request: ${p.when}`,
          [
            `Hello ${p.displayName},`,
            `Mentor ${p.otherName} declined the request for ${p.when} (topic: ${p.topic}); the slot is free again.`,
            ...(p.reason ? [`The mentor's note: ${p.reason}`] : []),
            'You may ask for another time or book another mentor.',
          ],
          { label: 'Choose another time', url: p.mentorUrl },
        ),
  bookingExpired: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          `辅导申请已失效：${p.when}`,
          [
            `${p.displayName}，您好！`,
            p.role === 'mentor'
              ? `创业者 ${p.otherName} 对 ${p.when} 的辅导申请（主题：${p.topic}）在期限内未获确认，已自动失效，时段已释放。`
              : `您向 ${p.otherName} 导师提交的 ${p.when} 的辅导申请（主题：${p.topic}）在期限内未获确认，已自动失效。您可以另选时间再次申请。`,
          ],
          p.role === 'founder' ? { label: '另选时间', url: p.mentorUrl } : undefined,
        )
      : layout(
          locale,
          `Request lapsed: ${p.when}`,
          [
            `Hello ${p.displayName},`,
            p.role === 'mentor'
              ? `The request from founder ${p.otherName} for ${p.when} (topic: ${p.topic}) was not answered in time and has lapsed; the slot is free again.`
              : `Your request to mentor ${p.otherName} for ${p.when} (topic: ${p.topic}) was not answered in time and has lapsed. You may ask for another time.`,
          ],
          p.role === 'founder' ? { label: 'Choose another time', url: p.mentorUrl } : undefined,
        ),
  bookingRescheduled: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          `辅导时间已调整：${p.when}`,
          [
            `${p.displayName}，您好！`,
            p.byOther
              ? `${p.otherName} 把辅导（主题：${p.topic}）从 ${p.was} 改到了 ${p.when}。`
              : `您已把与 ${p.otherName} 的辅导（主题：${p.topic}）从 ${p.was} 改到 ${p.when}。`,
            `地点：${p.place}`,
            p.requested
              ? '这仍是一份待导师确认的申请。'
              : '附件中的日历更新会把您日历里的这次辅导改到新时间。',
          ],
          { label: '查看我的预约', url: p.bookingsUrl },
        )
      : layout(
          locale,
          `Office hours moved: ${p.when}`,
          [
            `Hello ${p.displayName},`,
            p.byOther
              ? `${p.otherName} moved your session (topic: ${p.topic}) from ${p.was} to ${p.when}.`
              : `You moved your session with ${p.otherName} (topic: ${p.topic}) from ${p.was} to ${p.when}.`,
            `Where: ${p.place}`,
            p.requested
              ? 'It is still a request waiting for the mentor’s answer.'
              : 'The attached calendar update moves it in your calendar.',
          ],
          { label: 'My bookings', url: p.bookingsUrl },
        ),
  bookingFeedbackRequest: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          `请评价您与 ${p.otherName} 的辅导`,
          [
            `${p.displayName}，您好！`,
            `${p.when} 与 ${p.otherName} 的辅导（主题：${p.topic}）已完成。花一分钟打个分吧，这能帮助基地改进导师服务。`,
          ],
          { label: '去评价', url: p.feedbackUrl },
        )
      : layout(
          locale,
          `How was your session with ${p.otherName}?`,
          [
            `Hello ${p.displayName},`,
            `Your session with ${p.otherName} on ${p.when} (topic: ${p.topic}) is complete. A one-minute rating helps the base improve mentoring.`,
          ],
          { label: 'Rate the session', url: p.feedbackUrl },
        ),
  bookingNoShow: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          `辅导预约被标记为未到场：${p.when}`,
          [
            `${p.displayName}，您好！`,
            `导师 ${p.otherName} 将 ${p.when} 的辅导（主题：${p.topic}）标记为“未到场”。`,
            ...(p.note ? [`导师的说明：${p.note}`] : []),
            '90 天内两次未到场会暂停预约导师 30 天。如果您其实到场了，或已提前告知导师，可以在“我的预约”中提出申诉，由载体组织者核实处理。',
          ],
          { label: '查看并申诉', url: p.contestUrl },
        )
      : layout(
          locale,
          `Marked as a no-show: ${p.when}`,
          [
            `Hello ${p.displayName},`,
            `Mentor ${p.otherName} marked your session on ${p.when} (topic: ${p.topic}) as a no-show.`,
            ...(p.note ? [`The mentor's note: ${p.note}`] : []),
            'Two no-shows within 90 days suspend booking for 30 days. If you did attend, or told the mentor in advance, contest the mark in "My bookings"; an organizer of the carrier checks and decides.',
          ],
          { label: 'Review and contest', url: p.contestUrl },
        ),
  surveyInvitation: (locale, p) => {
    const title = inlineName(p.eventTitle, 200);
    return zh(locale)
      ? layout(
          locale,
          `请评价活动：${title}`,
          [
            `${p.displayName}，您好！`,
            `感谢您参加「${title}」。请花一分钟填写满意度问卷，帮助我们把活动办得更好。`,
            '链接只用于这份问卷，每人填写一次。',
          ],
          { label: '填写问卷', url: p.surveyUrl },
        )
      : layout(
          locale,
          `How was it? ${title}`,
          [
            `Hello ${p.displayName},`,
            `Thank you for attending “${title}”. A one-minute survey helps us make events better.`,
            'The link opens this survey only; each person answers once.',
          ],
          { label: 'Answer the survey', url: p.surveyUrl },
        );
  },
  bookingContestDecided: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          p.overturned
            ? `申诉已通过：${p.when} 的未到场标记已撤销`
            : `申诉未通过：${p.when} 的未到场标记维持不变`,
          [
            `${p.displayName}，您好！`,
            p.overturned
              ? `您对 ${p.when} 与 ${p.otherName} 的辅导（主题：${p.topic}）提出的申诉已通过：未到场标记已撤销，不再计入预约暂停。`
              : `您对 ${p.when} 与 ${p.otherName} 的辅导（主题：${p.topic}）提出的申诉经核实未通过，未到场标记维持不变。`,
            ...(p.decisionNote ? [`组织者的说明：${p.decisionNote}`] : []),
          ],
          { label: '查看我的预约', url: p.bookingsUrl },
        )
      : layout(
          locale,
          p.overturned
            ? `Contest accepted: the no-show mark of ${p.when} is removed`
            : `Contest declined: the no-show mark of ${p.when} stays`,
          [
            `Hello ${p.displayName},`,
            p.overturned
              ? `Your contest of the no-show mark for your session with ${p.otherName} on ${p.when} (topic: ${p.topic}) was accepted: the mark is removed and no longer counts toward a suspension.`
              : `Your contest of the no-show mark for your session with ${p.otherName} on ${p.when} (topic: ${p.topic}) was checked and declined: the mark stays.`,
            ...(p.decisionNote ? [`The organizer's note: ${p.decisionNote}`] : []),
          ],
          { label: 'My bookings', url: p.bookingsUrl },
        ),
};

export function render<K extends TemplateName>(
  name: K,
  locale: Locale,
  params: MailTemplates[K],
): RenderedMail {
  return (TEMPLATES[name] as (l: Locale, p: MailTemplates[K]) => RenderedMail)(locale, params);
}

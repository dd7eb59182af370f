import { LOCALES } from '@wutong/shared';
import { EVENT_TEMPLATES } from './events';
import { TEMPLATES, render, type TemplateName } from './index';

/** What a founder could type as a name, an organizer as a title, a topic or a reason. */
const HOSTILE = `<script>window.__xss=1</script><img src=x onerror="alert(1)"> "Q" & 'A'\r\nBcc: x@y`;

/** Every value every template reads, user text everywhere a user can put some. */
function params(name: TemplateName): never {
  const isEvent = name in EVENT_TEMPLATES;
  return {
    displayName: HOSTILE,
    eventTitle: HOSTILE,
    when: isEvent ? [HOSTILE] : HOSTILE,
    place: HOSTILE,
    eventUrl: 'http://wutong.test/events/1',
    ticketUrl: 'http://wutong.test/tickets/1',
    position: 3,
    appUrl: 'http://wutong.test',
    resetUrl: 'http://wutong.test/reset-password?token=a',
    validMinutes: 30,
    inviterName: HOSTILE,
    acceptUrl: 'http://wutong.test/accept?token=a',
    validDays: 7,
    otherName: HOSTILE,
    role: 'founder',
    topic: HOSTILE,
    bookingsUrl: 'http://wutong.test/me/bookings',
    byOther: true,
    reason: HOSTILE,
    hoursBefore: 1,
    feedbackUrl: 'http://wutong.test/feedback',
    verifyUrl: 'http://wutong.test/verify-email',
    code: '123456',
    carrierName: HOSTILE,
    inviteeEmail: 'invitee@example.cn',
    note: HOSTILE,
    contestUrl: 'http://wutong.test/me/bookings?contest=1',
    overturned: false,
    decisionNote: HOSTILE,
    surveyUrl: 'http://wutong.test/survey/abc',
    mentorUrl: 'http://wutong.test/mentors/1',
    answerBy: HOSTILE,
    intake: [HOSTILE],
    was: HOSTILE,
    requested: false,
  } as never;
}

/** Mails an address receives before it is confirmed: whoever signed up chose none of their text. */
const NO_USER_TEXT: TemplateName[] = ['verifyEmail', 'signInCode'];

const cases = (Object.keys(TEMPLATES) as TemplateName[])
  .filter((name) => !NO_USER_TEXT.includes(name))
  .flatMap((name) => LOCALES.map((locale) => [name, locale] as const));

describe('mail templates with hostile user text', () => {
  it("quotes an inviter's name after the invitation, on one line, without reordering marks", () => {
    for (const locale of LOCALES) {
      const mail = render('mentorInvitation', locale, {
        ...(params('mentorInvitation') as object),
        inviterName: `\u202e梁「经理」\r\n${'很长'.repeat(60)}`,
      } as never);
      const paragraphs = mail.text.split('\n\n');
      const line = paragraphs.find((p) => p.includes('梁'))!;
      expect(paragraphs.indexOf(line)).toBeGreaterThan(paragraphs.findIndex((p) => p.includes('token=')));
      expect(line).not.toMatch(/[\u202e\r\n]/);
      expect(line).toContain(`梁经理 ${'很长'.repeat(48)}…`);
    }
  });

  it('covers every template in every language', () => {
    expect(cases.length).toBe((Object.keys(TEMPLATES).length - NO_USER_TEXT.length) * LOCALES.length);
    expect(cases.length).toBeGreaterThanOrEqual(36);
  });

  it.each(cases)('%s (%s): subject on one line, HTML escaped, text literal', (name, locale) => {
    const mail = render(name, locale, params(name));
    expect(mail.subject).not.toMatch(/[\r\n\0]/);
    // The HTML part holds no tag or attribute from user text, only its escaped form.
    expect(mail.html).not.toMatch(/<script|<img|onerror="/i);
    expect(mail.html).toContain(
      '&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    );
    expect(mail.html).toContain('&quot;Q&quot; &amp; &#39;A&#39;');
    // The plain-text part shows what the user typed; an inviter's name quoted inside a sentence, on one line.
    expect(mail.text).toContain(name === 'mentorInvitation' ? HOSTILE.replace('\r\n', ' ') : HOSTILE);
  });

  it.each(NO_USER_TEXT.flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))(
    '%s (%s) carries no user text, only the code',
    (name, locale) => {
      const mail = render(name, locale, { ...(params(name) as object), code: '042917' } as never);
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toMatch(/"Q"|&quot;Q|script|onerror|Bcc/);
      }
      expect(mail.subject).toContain('042917');
      expect(mail.text).toContain('042917');
    },
  );

  it('greets an unconfirmed address without the name typed at sign-up', () => {
    for (const locale of LOCALES) {
      const mail = render('passwordReset', locale, {
        ...(params('passwordReset') as object),
        displayName: null,
      } as never);
      expect(mail.text).not.toContain('script');
      expect(mail.text).toContain('reset-password?token=a');
    }
  });

  it('folds a subject with line breaks into one line, keeping the words', () => {
    const mail = render('registrationConfirmed', 'en', params('registrationConfirmed'));
    expect(mail.subject).toBe(
      `You are registered: <script>window.__xss=1</script><img src=x onerror="alert(1)"> "Q" & 'A' Bcc: x@y`,
    );
  });
});

import type { Locale } from '@wutong/shared';
import { layout, type RenderedMail } from './layout';

/** Every mail the product sends, by name, with the values it needs, in zh-CN and en. */
export interface MailTemplates {
  welcome: { displayName: string; appUrl: string };
  passwordReset: { displayName: string; resetUrl: string; validMinutes: number };
  passwordChanged: { displayName: string };
}
export type TemplateName = keyof MailTemplates;

type Renderers = { [K in TemplateName]: (locale: Locale, p: MailTemplates[K]) => RenderedMail };

const zh = (locale: Locale) => locale === 'zh-CN';

export const TEMPLATES: Renderers = {
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
  passwordReset: (locale, p) =>
    zh(locale)
      ? layout(
          locale,
          '重置您的梧桐密码',
          [
            `${p.displayName}，您好！`,
            `我们收到了重置密码的请求。请在 ${p.validMinutes} 分钟内点击下方链接设置新密码，链接只能使用一次。`,
            '如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。',
          ],
          { label: '设置新密码', url: p.resetUrl },
        )
      : layout(
          locale,
          'Reset your Wutong password',
          [
            `Hello ${p.displayName},`,
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
};

export function render<K extends TemplateName>(
  name: K,
  locale: Locale,
  params: MailTemplates[K],
): RenderedMail {
  return (TEMPLATES[name] as (l: Locale, p: MailTemplates[K]) => RenderedMail)(locale, params);
}

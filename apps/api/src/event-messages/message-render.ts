import { LOCALES, SMS_MAX_LENGTH, type Locale, type MessagePreview, type MessageText } from '@wutong/shared';
import { DomainException } from '../common/errors/domain.exception';
import { inlineName, layout, type RenderedMail } from '../notifications/templates/layout';

/** What the placeholders of a message become for one reader. */
export interface MessageValues {
  name: string;
  event: string;
  /** The session's (or the event's) time, in the carrier's zone and the reader's language. */
  start: string;
  place: string;
}

const PLACEHOLDER = /\{(name|event|start|place)\}/g;

export function fill(text: string, values: MessageValues): string {
  return text.replace(PLACEHOLDER, (_, key: keyof MessageValues) => values[key]);
}

/** The organizer's text for readers of `locale`: its translation if one was given, else the main text. */
export function textFor(
  locale: Locale,
  main: MessageText,
  translations: Partial<Record<Locale, MessageText>> | undefined,
): MessageText {
  return translations?.[locale] ?? main;
}

/** The mail: the organizer's paragraphs, then who sent it and why the reader gets it. */
export function messageMail(
  locale: Locale,
  text: MessageText,
  values: MessageValues,
  carrierName: string,
): RenderedMail {
  const paragraphs = fill(text.body, values)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const carrier = inlineName(carrierName);
  const note =
    locale === 'zh-CN'
      ? `这封邮件由${carrier}的组织者就活动「${inlineName(values.event)}」发送给您。`
      : `Sent to you by the organizers at ${carrier} about "${inlineName(values.event)}".`;
  return layout(locale, fill(text.subject, values), paragraphs, undefined, [note]);
}

/** Operators refuse texts with links; a text names no address at all. */
const LINK = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|cn|net|org|io|top|xyz|cc)\b)/i;

export function assertNoLink(texts: MessageText[]): void {
  if (texts.some((t) => LINK.test(t.body))) throw new DomainException('SMS_LINK_NOT_ALLOWED');
}

/** The text: the signature in 【】, then the body on one line (no subject: a text has none). */
export function messageSms(signature: string, text: MessageText, values: MessageValues): string {
  const body = fill(text.body, values).replace(/\s+/g, ' ').trim();
  const sms = `${signature}${body}`;
  // The values may hold a link too (an event title with an address): never sent.
  if (LINK.test(body)) throw new DomainException('SMS_LINK_NOT_ALLOWED');
  if ([...sms].length > SMS_MAX_LENGTH)
    throw new DomainException(
      'SMS_TOO_LONG',
      { max: SMS_MAX_LENGTH, length: [...sms].length },
      { max: SMS_MAX_LENGTH, length: [...sms].length },
    );
  return sms;
}

/** The preview for each language, rendered for one sample reader. */
export function previews(
  main: MessageText,
  translations: Partial<Record<Locale, MessageText>> | undefined,
  valuesFor: (locale: Locale) => MessageValues,
  carrierName: string,
  signature: string | null,
): Record<Locale, MessagePreview> {
  const out = {} as Record<Locale, MessagePreview>;
  for (const locale of LOCALES) {
    const text = textFor(locale, main, translations);
    const values = valuesFor(locale);
    const mail = messageMail(locale, text, values, carrierName);
    out[locale] = {
      subject: mail.subject,
      body: fill(text.body, values),
      sms: signature === null ? null : messageSms(signature, text, values),
    };
  }
  return out;
}

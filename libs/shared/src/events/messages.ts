import type { Locale } from '../locale/locale';

/** Who of an event (or one session) a message goes to (docs/api.md, "Messages to registrants"). */
export const MESSAGE_SEGMENTS = [
  'confirmed',
  'waitlisted',
  'pending_approval',
  'checked_in',
  'no_show',
] as const;
export type MessageSegment = (typeof MESSAGE_SEGMENTS)[number];

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** The placeholders a subject or body may hold, filled per person in their language. */
export const MESSAGE_PLACEHOLDERS = ['{name}', '{event}', '{start}', '{place}'] as const;

/** The longest text (sign name included) a message may render to, in characters. */
export const SMS_MAX_LENGTH = 200;
/** Messages (not dry runs) one organizer may send per event in an hour. */
export const MESSAGES_PER_EVENT_HOUR = 5;

export interface MessageText {
  subject: string;
  body: string;
}

/** POST /events/:id/messages. */
export interface EventMessageRequest extends MessageText {
  /** Chosen by the client once per message (a retry or double submit with it sends nothing new). */
  id?: string;
  segment: MessageSegment;
  sessionId?: string;
  channels: MessageChannel[];
  /** The text for readers of one language; subject/body for the others. */
  translations?: Partial<Record<Locale, MessageText>>;
  dryRun?: boolean;
}

/** A message rendered for one reader of a language: the mail, and the text when SMS is chosen. */
export interface MessagePreview extends MessageText {
  sms: string | null;
}

/** Dry run: who would get it, and what they would read. */
export interface EventMessageDryRun {
  recipients: number;
  /** Of them, with a verified address (mail) and a verified mobile (text) on the chosen channels. */
  email: number;
  sms: number;
  preview: Record<Locale, MessagePreview>;
}

/** 202: queued in the outbox. */
export interface EventMessageSent {
  id: string;
  recipients: number;
  email: number;
  sms: number;
}

/** POST /events/:id/messages answers one or the other (200 dry run, 202 sent). */
export type EventMessageResponse = EventMessageDryRun | EventMessageSent;

export interface DeliveryCounts {
  sent: number;
  failed: number;
  pending: number;
}

/** GET /events/:id/messages: one sent message. */
export interface EventMessageView {
  id: string;
  segment: MessageSegment;
  sessionId: string | null;
  subject: string;
  body: string;
  channels: MessageChannel[];
  recipients: number;
  sender: { id: string; displayName: string } | null;
  createdAt: string;
  email: DeliveryCounts;
  sms: DeliveryCounts;
}

export const MESSAGE_TEMPLATES = ['see_you_tomorrow', 'thank_you', 'sorry_we_missed_you'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

/**
 * The ready texts organizers start from, in both languages (static: the web app offers them, the
 * API sends whatever is submitted). Short enough for a text with any usual event title.
 */
export const MESSAGE_TEMPLATE_TEXTS: Record<MessageTemplate, Record<Locale, MessageText>> = {
  see_you_tomorrow: {
    'zh-CN': {
      subject: '明天见：{event}',
      body: '{name}，您好！{event}将于{start}开始，地点：{place}。请带好签到二维码，明天见！',
    },
    en: {
      subject: 'See you tomorrow: {event}',
      body: 'Hello {name}, {event} starts {start} at {place}. Bring your check-in QR code. See you tomorrow!',
    },
  },
  thank_you: {
    'zh-CN': {
      subject: '感谢参加{event}',
      body: '{name}，您好！感谢您参加{event}，期待下次再见。',
    },
    en: {
      subject: 'Thank you for coming to {event}',
      body: 'Hello {name}, thank you for coming to {event}. We hope to see you again soon.',
    },
  },
  sorry_we_missed_you: {
    'zh-CN': {
      subject: '{event}：这次没见到您',
      body: '{name}，您好！{event}这次没见到您，很遗憾。欢迎报名我们的下一场活动。',
    },
    en: {
      subject: 'We missed you at {event}',
      body: 'Hello {name}, we missed you at {event}. We hope to see you at our next event.',
    },
  },
};

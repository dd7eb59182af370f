import type {
  EventMessageDryRun,
  EventMessageRequest,
  EventMessageSent,
  EventMessageView,
} from '@wutong/shared';
import { request } from '../../shared/api/client';

export const eventMessagesApi = {
  preview: (eventId: string, body: EventMessageRequest) =>
    request<EventMessageDryRun>(`/events/${eventId}/messages`, {
      method: 'POST',
      body: { ...body, dryRun: true },
    }),
  /** 202: the shared client hands back no body for a 202, so callers count from their preview. */
  send: (eventId: string, body: EventMessageRequest) =>
    request<EventMessageSent | undefined>(`/events/${eventId}/messages`, { method: 'POST', body }),
  list: (eventId: string) => request<EventMessageView[]>(`/events/${eventId}/messages`),
};

/** A v4 id, chosen once per dialog: a double click or a retry sends the same message, not a second one. */
export function newMessageId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

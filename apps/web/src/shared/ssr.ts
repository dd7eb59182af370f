import type { EventListQuery, EventSummary, EventView, Page } from '@wutong/shared';
import { readToken } from './api/token';

/*
 * The public event pages arrive rendered by the server (apps/api/src/public-pages): the content in
 * #ssr, the app's #root hidden, and the data the server used as JSON in #wutong-ssr. The app starts
 * from that data instead of asking for it again, and swaps its page in once it has drawn it
 * (takeOver), so the reader never sees an empty screen or a spinner in between.
 */
interface ServerData {
  event?: EventView;
  events?: Page<EventSummary>;
}

let data: ServerData | null | undefined;

function serverData(): ServerData | null {
  if (data !== undefined) return data;
  const element = typeof document === 'undefined' ? null : document.getElementById('wutong-ssr');
  try {
    data = element?.textContent ? (JSON.parse(element.textContent) as ServerData) : null;
  } catch {
    data = null;
  }
  // Read once: the page keeps no copy of the reader's data (user text) in a script element.
  element?.remove();
  return data;
}

/** The server's view of this event, once, for an anonymous reader (a signed-in one needs their own view). */
export function takeServerEvent(id: string): EventView | null {
  const given = serverData()?.event;
  if (!given || given.id !== id || readToken()) return null;
  delete data!.event;
  return given;
}

/** The server's first page of the list, once, when the app asks for the same first page. */
export function takeServerList(query: EventListQuery, pageSize: number): Page<EventSummary> | null {
  const given = serverData()?.events;
  const plain =
    !query.q && !query.type && !query.organizationId && !query.from && !query.to && (query.page ?? 1) === 1;
  if (!given || !plain || query.pageSize !== pageSize || given.pageSize !== pageSize) return null;
  delete data!.events;
  return given;
}

/** Shows the app's page in place of the server's (no-op when the page was not rendered by the server). */
export function takeOver(): void {
  const ssr = document.getElementById('ssr');
  if (!ssr) return;
  ssr.remove();
  document.getElementById('wutong-ssr')?.remove();
  document.getElementById('root')?.removeAttribute('hidden');
}

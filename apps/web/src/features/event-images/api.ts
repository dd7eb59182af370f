import type { EventImageKind, EventImageUploaded } from '@wutong/shared';
import { currentLocale } from '../../shared/i18n/index';
import { ApiError, request } from '../../shared/api/client';
import { readToken } from '../../shared/api/token';

/** Multipart bodies are not JSON: the one call of the app that sends a FormData, so its own fetch. */
async function upload(eventId: string, kind: EventImageKind, file: Blob): Promise<EventImageUploaded> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  const token = readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api/events/${eventId}/images`, { method: 'POST', headers, body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new ApiError(response.status, String(body.code ?? 'INTERNAL_ERROR'), String(body.message ?? ''));
  return body as unknown as EventImageUploaded;
}

/**
 * The bytes of an image the browser may not fetch by itself: a draft's pictures need the bearer
 * token, which an <img> does not send. Answers an object URL (revoke it when done).
 */
async function objectUrl(url: string): Promise<string> {
  const token = readToken();
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, 'NOT_FOUND', '');
  return URL.createObjectURL(await response.blob());
}

export const eventImagesApi = {
  upload,
  remove: (eventId: string, imageId: string) =>
    request<void>(`/events/${eventId}/images/${imageId}`, { method: 'DELETE' }),
  objectUrl,
};

/** Types the server accepts (it checks the bytes again). */
export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp';
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

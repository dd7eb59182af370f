import type { ErrorBody, FieldError } from '@wutong/shared';
import { currentLocale } from '../i18n/index';
import { readToken } from './token';

/** An error answered by the API (`code` from the contract) or a failed connection (`NETWORK`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** `details` when it is an object rather than field errors (e.g. `{ signInCode: true }`). */
    readonly details: Record<string, unknown> = {},
    /** Seconds from a Retry-After header (429), when given. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Dispatched on `window` when the API answers 403 MFA_SETUP_REQUIRED. */
export const MFA_SETUP_REQUIRED_EVENT = 'wutong:mfa-setup-required';

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** Called when a signed-in request answers 401: the session has ended elsewhere. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

function isFieldErrors(details: unknown): details is FieldError[] {
  return (
    Array.isArray(details) &&
    details.every((d: unknown) => typeof d === 'object' && d !== null && 'field' in d && 'messages' in d)
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // not JSON (a proxy error page): keep the status only
  }
  // Without our error body (a proxy or gateway answered), fall back to a code of our own.
  const fallback =
    response.status >= 502 ? 'SERVICE_UNAVAILABLE' : response.status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN';
  const details = body.details;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    typeof body.code === 'string' ? body.code : fallback,
    typeof body.message === 'string' ? body.message : '',
    isFieldErrors(details) ? details : [],
    details && typeof details === 'object' && !Array.isArray(details) ? details : {},
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** `?a=1&b=x` from the defined, non-empty values. */
export function queryString(values: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Send the bearer token (default true when one is stored). */
  auth?: boolean;
  /** Extra headers, e.g. an Idempotency-Key so that a retried tap never acts twice. */
  headers?: Record<string, string>;
}

/**
 * Calls `/api{path}` with the UI language, the session token and any extra headers; an error answer
 * becomes an ApiError (field errors, details, Retry-After), a 401 signs the browser out, a missing
 * second factor tells the shell. Every call of the web app goes through here.
 */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
    ...options.headers,
  };
  const token = options.auth === false ? null : readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && token) onUnauthorized?.();
    // An admin session without its second factor: the signed-in layout shows how to set it up.
    if (response.status === 403 && error.code === 'MFA_SETUP_REQUIRED')
      window.dispatchEvent(new Event(MFA_SETUP_REQUIRED_EVENT));
    throw error;
  }
  return response;
}

/** `send`, resolving the JSON body (undefined for 202/204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

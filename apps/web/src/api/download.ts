import { ApiError } from './client';
import { currentLocale } from '../i18n';
import { readToken } from './token';

/** Downloads a signed-in file (CSV, workbook, certificate) through a blob, since a link cannot carry the token. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const token = readToken();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      headers: {
        'Accept-Language': currentLocale(),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  if (!response.ok) {
    let code = 'UNKNOWN';
    let message = '';
    try {
      const body = (await response.json()) as { code?: string; message?: string };
      code = body.code ?? code;
      message = body.message ?? '';
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, code, message);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

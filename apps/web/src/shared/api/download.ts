import { send } from './client';

export { exportDay, exportFileName } from '@wutong/shared';

/** Downloads a signed-in file (CSV, workbook, certificate) through a blob, since a link cannot carry the token. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const response = await send(path, { headers: { Accept: '*/*' } });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

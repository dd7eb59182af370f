import type { Locale } from '@wutong/shared';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A subject on one line: names and titles are user text and may hold CR, LF or other controls.
 * Nodemailer encodes headers, but a subject is one line by definition and folding it here keeps the
 * outbox row, the log and the mail the same.
 */
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/\s*[\x00-\x1f\x7f\u2028\u2029]+\s*/g, ' ').trim();

/**
 * A name someone typed, for quoting inside a sentence: on one line, without bidirectional overrides
 * (which can reorder what a reader sees), without the quote marks the templates put around it, and
 * at most `max` characters.
 */
export function inlineName(s: string, max = 100): string {
  const flat = oneLine(s)
    .replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/[「」“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Wraps paragraphs (and an optional button link) into the plain-text and HTML bodies every mail
 * shares. `notes` come after the button, in small print (who asked for the mail, what to do if
 * unexpected).
 */
export function layout(
  locale: Locale,
  subject: string,
  paragraphs: string[],
  action?: { label: string; url: string },
  notes: string[] = [],
): RenderedMail {
  const footer =
    locale === 'zh-CN' ? '梧桐 · 双创活动与导师服务平台' : 'Wutong · startup events and mentoring';
  const text = [
    ...paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    ...notes,
    '',
    '—',
    footer,
  ].join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;line-height:1.6;color:#1f1f1f">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="background:#1677ff;color:#fff;padding:8px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:12px;color:#888">${escapeHtml(action.url)}</p>` : ''}
${notes.map((n) => `<p style="font-size:12px;color:#666">${escapeHtml(n)}</p>`).join('\n')}
<hr style="border:none;border-top:1px solid #eee"><p style="font-size:12px;color:#888">${escapeHtml(footer)}</p>
</body></html>`;
  return { subject: oneLine(subject), text, html };
}

import { EVENT_TYPE_NAMES } from '@wutong/shared';
import type { EventSummary, EventView, Locale, Page } from '@wutong/shared';

/*
 * The public event pages as HTML with their content in the body: what a phone on a slow network
 * shows before any JavaScript, what a chat app's link preview reads (og:*), and what a reader with
 * JavaScript off gets. Plain strings, no framework: the page must cost nothing to render. The web
 * app then takes over (apps/web/src/shared/ssr.ts) with the same data, embedded as JSON.
 */

const WORDS = {
  'zh-CN': {
    site: '梧桐',
    brand: '梧桐 Wutong',
    events: '活动',
    mentors: '导师',
    login: '登录',
    register: '报名',
    allEvents: '全部活动',
    when: '时间',
    where: '地点',
    online: '线上',
    speakers: '嘉宾',
    carrier: '主办载体',
    seatsLeft: (n: number) => `剩余名额 ${n}`,
    full: '名额已满',
    sessions: (n: number) => `共 ${n} 场`,
    listTitle: '近期活动',
    listDescription: '梧桐创新创业基地的沙龙、路演、培训和导师活动',
    empty: '暂无即将开始的活动',
    more: (n: number) => `还有 ${n} 场活动，打开完整列表查看`,
    noScript: '开启 JavaScript 后可以报名、筛选和查看日历。',
  },
  en: {
    site: 'Wutong',
    brand: '梧桐 Wutong',
    events: 'Events',
    mentors: 'Mentors',
    login: 'Log in',
    register: 'Register',
    allEvents: 'All events',
    when: 'When',
    where: 'Where',
    online: 'Online',
    speakers: 'Speakers',
    carrier: 'Host',
    seatsLeft: (n: number) => `${n} seats left`,
    full: 'Full',
    sessions: (n: number) => `${n} sessions`,
    listTitle: 'Upcoming events',
    listDescription: 'Salons, roadshows, trainings and mentor sessions at the Wutong innovation base',
    empty: 'No upcoming events',
    more: (n: number) => `${n} more events in the full list`,
    noScript: 'Turn JavaScript on to register, filter and see the calendar.',
  },
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside <script type="application/json">: nothing in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function dayFormat(locale: Locale, timeZone: string) {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  });
}

function timeFormat(locale: Locale, timeZone: string) {
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** "2026年12月12日周六 19:00–21:00" in the carrier's zone (the end's day added when it differs). */
export function sessionTime(startsAt: string, endsAt: string, locale: Locale, timeZone: string): string {
  const day = dayFormat(locale, timeZone);
  const time = timeFormat(locale, timeZone);
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)} ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
}

function place(event: EventSummary, locale: Locale): string {
  const w = WORDS[locale];
  const parts = [event.venue?.name, event.venue?.address].filter(Boolean) as string[];
  if (event.online) parts.push(w.online);
  return parts.join(' · ');
}

/** The first lines of a description, for og:description and the list (at most `max` characters). */
export function summaryOf(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface PageMeta {
  title: string;
  description: string;
  url: string;
  image: string;
}

/** og:* (read by WeChat's and other apps' link previews), the description and the canonical URL. */
function headTags(meta: PageMeta, locale: Locale): string {
  const e = escapeHtml;
  return [
    `<title>${e(meta.title)}</title>`,
    `<meta name="description" content="${e(meta.description)}" />`,
    `<link rel="canonical" href="${e(meta.url)}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="${e(WORDS[locale].brand)}" />`,
    `<meta property="og:locale" content="${locale === 'zh-CN' ? 'zh_CN' : 'en_US'}" />`,
    `<meta property="og:title" content="${e(meta.title)}" />`,
    `<meta property="og:description" content="${e(meta.description)}" />`,
    `<meta property="og:url" content="${e(meta.url)}" />`,
    `<meta property="og:image" content="${e(meta.image)}" />`,
    // WeChat's in-app browser also reads schema.org microdata for its share card.
    `<meta itemprop="name" content="${e(meta.title)}" />`,
    `<meta itemprop="description" content="${e(meta.description)}" />`,
    `<meta itemprop="image" content="${e(meta.image)}" />`,
    `<meta name="twitter:card" content="summary" />`,
  ].join('\n    ');
}

/** The few styles the server-rendered page needs before the app's CSS arrives (inline: no round trip). */
const STYLE = `<style>
  .wt-ssr{font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f4f4f4;min-height:100vh;margin:0}
  .wt-ssr a{color:#1f7a4d}
  .wt-ssr-bar{display:flex;align-items:center;justify-content:space-between;gap:12px;padding:0 16px;height:56px;background:#fff;border-bottom:1px solid #eee}
  .wt-ssr-brand{font-weight:700;font-size:20px;color:#1f7a4d;text-decoration:none}
  .wt-ssr-nav{display:flex;gap:16px;font-size:15px}
  .wt-ssr-nav a{color:#1f1f1f;text-decoration:none}
  .wt-ssr-main{max-width:960px;margin:0 auto;padding:16px}
  .wt-ssr-card{background:#fff;border-radius:8px;padding:16px;margin-bottom:12px;border:1px solid #f0f0f0}
  .wt-ssr h1{font-size:22px;line-height:1.35;margin:0 0 8px}
  .wt-ssr h2{font-size:17px;line-height:1.4;margin:0 0 6px}
  .wt-ssr-tag{display:inline-block;font-size:12px;padding:0 7px;border-radius:4px;background:#f0f7f2;color:#1f7a4d;border:1px solid #b7dcc4;margin-right:6px}
  .wt-ssr-cover{display:block;width:100%;height:auto;max-height:360px;object-fit:cover;border-radius:6px;margin:0 0 12px}
  .wt-ssr dl{margin:8px 0 0;display:grid;grid-template-columns:auto 1fr;gap:4px 12px;font-size:15px}
  .wt-ssr dt{color:#666}
  .wt-ssr dd{margin:0}
  .wt-ssr-desc{white-space:pre-wrap;line-height:1.7;font-size:15px}
  .wt-ssr-button{display:block;text-align:center;background:#1f7a4d;color:#fff!important;border-radius:8px;padding:10px;font-size:16px;text-decoration:none;margin-top:12px}
  .wt-ssr-muted{color:#666;font-size:14px}
  .wt-ssr-list{list-style:none;padding:0;margin:0}
  .wt-ssr-list a{text-decoration:none;color:inherit;display:flex;gap:12px;align-items:flex-start}
  .wt-ssr-list a>div{min-width:0;flex:1}
  .wt-ssr-thumb{flex:none;width:104px;height:78px;object-fit:cover;border-radius:6px;background:#f0f0f0}
</style>`;

function bar(locale: Locale, next: string): string {
  const w = WORDS[locale];
  return `<header class="wt-ssr-bar"><a class="wt-ssr-brand" href="/events">${escapeHtml(w.brand)}</a>
      <nav class="wt-ssr-nav"><a href="/events">${w.events}</a><a href="/mentors">${w.mentors}</a><a href="/login?next=${encodeURIComponent(next)}">${w.login}</a></nav></header>`;
}

export interface Rendered {
  head: string;
  body: string;
  data: unknown;
}

export function renderEvent(event: EventView, locale: Locale, meta: PageMeta): Rendered {
  const w = WORDS[locale];
  const e = escapeHtml;
  const zone = event.timeZone;
  const sessions = event.sessions
    .map((s, i) => {
      const label =
        s.title ??
        (event.sessions.length > 1 ? (locale === 'zh-CN' ? `第 ${i + 1} 场` : `Session ${i + 1}`) : '');
      return `<div>${label ? `${e(label)}：` : ''}<time datetime="${s.startsAt}">${e(sessionTime(s.startsAt, s.endsAt, locale, zone))}</time></div>`;
    })
    .join('');
  const where = place(event, locale);
  const seats = event.seatsLeft > 0 ? w.seatsLeft(event.seatsLeft) : w.full;
  const next = `/events/${event.id}?register=1`;
  const body = `<div id="ssr" class="wt-ssr">${bar(locale, `/events/${event.id}`)}
    <main class="wt-ssr-main"><article class="wt-ssr-card" itemscope itemtype="https://schema.org/Event">
      ${event.cover ? `<img class="wt-ssr-cover" itemprop="image" data-testid="ssr-cover" src="${e(event.cover.url)}" width="${event.cover.width}" height="${event.cover.height}" alt="${e(event.title)}" />` : ''}
      <span class="wt-ssr-tag">${e(EVENT_TYPE_NAMES[event.type][locale])}</span>
      <h1 itemprop="name" data-testid="ssr-title">${e(event.title)}</h1>
      <dl>
        <dt>${w.when}</dt><dd data-testid="ssr-time">${sessions}</dd>
        ${where ? `<dt>${w.where}</dt><dd itemprop="location">${e(where)}</dd>` : ''}
        <dt>${w.carrier}</dt><dd>${e(event.organizationName)}</dd>
        ${event.speakers.length > 0 ? `<dt>${w.speakers}</dt><dd>${event.speakers.map((s) => e(s.displayName)).join('、')}</dd>` : ''}
      </dl>
      <p class="wt-ssr-muted">${e(seats)}</p>
      ${event.registrationOpen ? `<a class="wt-ssr-button" href="/login?next=${encodeURIComponent(next)}">${w.register}</a>` : ''}
    </article>
    ${event.description ? `<section class="wt-ssr-card"><div class="wt-ssr-desc" itemprop="description">${e(event.description)}</div></section>` : ''}
    <p class="wt-ssr-muted"><a href="/events">${w.allEvents}</a></p>
    <noscript><p class="wt-ssr-muted">${w.noScript}</p></noscript></main></div>`;
  return { head: `${headTags(meta, locale)}\n    ${STYLE}`, body, data: { event } };
}

export function renderList(page: Page<EventSummary>, locale: Locale, meta: PageMeta): Rendered {
  const w = WORDS[locale];
  const e = escapeHtml;
  const items = page.items
    .map((ev) => {
      const where = place(ev, locale);
      // The cover's thumbnail loads lazily: the card's words come first on a slow phone connection.
      const thumb = ev.coverThumbnailUrl
        ? `<img class="wt-ssr-thumb" data-testid="ssr-thumb" src="${e(ev.coverThumbnailUrl)}" width="104" height="78" loading="lazy" decoding="async" alt="" />`
        : '';
      return `<li class="wt-ssr-card" data-testid="ssr-event"><a href="/events/${ev.id}">${thumb}<div>
        <span class="wt-ssr-tag">${e(EVENT_TYPE_NAMES[ev.type][locale])}</span>
        <h2>${e(ev.title)}</h2>
        <div class="wt-ssr-muted"><time datetime="${ev.startsAt}">${e(sessionTime(ev.startsAt, ev.endsAt, locale, ev.timeZone))}</time>${ev.sessionCount > 1 ? ` · ${w.sessions(ev.sessionCount)}` : ''}</div>
        ${where ? `<div class="wt-ssr-muted">${e(where)}</div>` : ''}
        <div class="wt-ssr-muted">${e(ev.organizationName)} · ${e(ev.seatsLeft > 0 ? w.seatsLeft(ev.seatsLeft) : w.full)}</div>
      </div></a></li>`;
    })
    .join('');
  const rest = page.total - page.items.length;
  const body = `<div id="ssr" class="wt-ssr">${bar(locale, '/events')}
    <main class="wt-ssr-main"><h1>${w.listTitle}</h1>
      ${items ? `<ul class="wt-ssr-list">${items}</ul>` : `<p class="wt-ssr-muted">${w.empty}</p>`}
      ${rest > 0 ? `<p class="wt-ssr-muted"><a href="/events?page=2">${w.more(rest)}</a></p>` : ''}
      <noscript><p class="wt-ssr-muted">${w.noScript}</p></noscript></main></div>`;
  return { head: `${headTags(meta, locale)}\n    ${STYLE}`, body, data: { events: page } };
}

export function listMeta(locale: Locale, url: string, image: string): PageMeta {
  const w = WORDS[locale];
  return { title: `${w.listTitle} · ${w.site}`, description: w.listDescription, url, image };
}

export function eventMeta(event: EventView, locale: Locale, url: string, image: string): PageMeta {
  const w = WORDS[locale];
  const first = event.sessions[0];
  const when = first ? sessionTime(first.startsAt, first.endsAt, locale, event.timeZone) : '';
  const where = place(event, locale);
  const description = summaryOf([when, where, event.description].filter(Boolean).join(' · '), 150);
  return { title: `${event.title} · ${w.site}`, description, url, image };
}

/**
 * index.html with the page in it: the head's title replaced by the page's tags, the content before the
 * app's (hidden) root, and the data the app starts from. Anything the template lacks is left alone.
 */
export function intoTemplate(template: string, rendered: Rendered, locale: Locale): string {
  // The app's stylesheets move below the content: a stylesheet in the head holds the first paint for
  // its round trip (half a second on a slow phone network). The content has its own inline styles.
  const stylesheets: string[] = [];
  const preloads: string[] = [];
  let entry: string | null = null;
  const head = template
    .replace(/\s*<link rel="stylesheet"[^>]*>/g, (tag) => {
      stylesheets.push(tag.trim());
      return '';
    })
    .replace(/\s*<link rel="modulepreload"[^>]*href="([^"]+)"[^>]*>/g, (_tag, href: string) => {
      preloads.push(href);
      return '';
    })
    .replace(/\s*<script type="module"[^>]*src="([^"]+)"[^>]*><\/script>/, (_tag, src: string) => {
      entry = src;
      return '';
    });
  // The app is not on the way to the content, so it does not share a slow line with it: the loader
  // starts it once the page has loaded, at the visitor's first touch, or at once when it is needed
  // (apps/web/public/app-loader.js).
  const loader =
    entry === null
      ? []
      : [
          `<script defer src="/app-loader.js" data-entry="${escapeHtml(entry)}" data-preload="${escapeHtml(preloads.join(' '))}"></script>`,
        ];
  return head
    .replace(/<html lang="[^"]*">/, `<html lang="${locale}">`)
    .replace(/<title>[^<]*<\/title>/, rendered.head)
    .replace(
      '<div id="root"></div>',
      [
        rendered.body,
        '<div id="root" hidden></div>',
        `<script type="application/json" id="wutong-ssr">${scriptJson(rendered.data)}</script>`,
        ...stylesheets,
        ...loader,
      ].join('\n    '),
    );
}

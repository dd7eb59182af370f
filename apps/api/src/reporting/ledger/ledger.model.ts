import { EVENT_TYPE_NAMES, type Locale } from '@wutong/shared';
import type { LedgerEntry } from './ledger.queries';
import type { EventPhoto } from './ledger.sources';

export interface LedgerRow extends LedgerEntry {
  /** Average survey score (1–5), null without surveys. */
  satisfaction: number | null;
  photos: EventPhoto[];
}

/** Sums of a group or of the whole ledger; companies are distinct across its events. */
export interface LedgerTotals {
  events: number;
  sessions: number;
  registered: number;
  checkedIn: number;
  walkIns: number;
  companies: number;
  photos: number;
}

/** The entries of one carrier in one month. */
export interface LedgerGroup {
  month: string;
  carrier: string;
  rows: LedgerRow[];
  subtotal: LedgerTotals;
}

export interface Ledger {
  title: string;
  /** "2026-11-01 至 2026-11-30（载体所在时区 Asia/Shanghai）" */
  periodLine: string;
  groups: LedgerGroup[];
  total: LedgerTotals;
}

export const LEDGER_WORDS = {
  'zh-CN': {
    file: '活动台账',
    sheet: '台账',
    title: (scope: string, period: string) => `${scope} 活动台账（${period}）`,
    periodLine: (from: string, last: string, zone: string) =>
      `统计期间：${from} 至 ${last}（按载体所在时区，${zone}）`,
    base: '全基地',
    head: [
      '月份',
      '载体',
      '日期',
      '类型',
      '活动名称',
      '场次',
      '报名人数',
      '签到人次',
      '现场报名',
      '服务企业',
      '满意度',
      '照片',
    ],
    month: (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`,
    subtotal: '小计',
    total: '合计',
    totalsHead: ['活动场数', '场次', '报名人数', '签到人次', '现场报名', '服务企业', '照片'],
    photos: (title: string) => `活动照片：${title}`,
    none: '本期间没有举办的活动',
    types: Object.fromEntries(Object.entries(EVENT_TYPE_NAMES).map(([k, v]) => [k, v['zh-CN']])),
  },
  en: {
    file: 'ledger',
    sheet: 'Ledger',
    title: (scope: string, period: string) => `${scope} — event ledger (${period})`,
    periodLine: (from: string, last: string, zone: string) =>
      `Period: ${from} to ${last} (in the carrier's time zone, ${zone})`,
    base: 'Whole base',
    head: [
      'Month',
      'Carrier',
      'Date',
      'Type',
      'Event',
      'Sessions',
      'Registered',
      'Checked in',
      'Walk-ins',
      'Companies served',
      'Satisfaction',
      'Photos',
    ],
    month: (m: string) =>
      new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${m}-15T00:00:00Z`),
      ),
    subtotal: 'Subtotal',
    total: 'Total',
    totalsHead: ['Events', 'Sessions', 'Registered', 'Checked in', 'Walk-ins', 'Companies served', 'Photos'],
    photos: (title: string) => `Photos: ${title}`,
    none: 'No event was held in this period',
    types: Object.fromEntries(Object.entries(EVENT_TYPE_NAMES).map(([k, v]) => [k, v.en])),
  },
} satisfies Record<Locale, unknown>;

export function totalsOf(rows: LedgerRow[]): LedgerTotals {
  const companies = new Set<string>();
  const t: LedgerTotals = {
    events: rows.length,
    sessions: 0,
    registered: 0,
    checkedIn: 0,
    walkIns: 0,
    companies: 0,
    photos: 0,
  };
  for (const r of rows) {
    t.sessions += r.sessions;
    t.registered += r.registered;
    t.checkedIn += r.checked_in;
    t.walkIns += r.walk_ins;
    t.photos += r.photos.length;
    for (const c of r.companies) companies.add(c);
  }
  t.companies = companies.size;
  return t;
}

/** Entries (already ordered by month, carrier, start) into groups of one carrier in one month. */
export function groupLedger(rows: LedgerRow[]): LedgerGroup[] {
  const groups: LedgerGroup[] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && last.month === r.month && last.carrier === r.carrier) last.rows.push(r);
    else groups.push({ month: r.month, carrier: r.carrier, rows: [r], subtotal: totalsOf([]) });
  }
  for (const g of groups) g.subtotal = totalsOf(g.rows);
  return groups;
}

/** One event's cells after its month and carrier, in the head's order: the sheet and the .docx alike. */
export function entryCells(r: LedgerRow, locale: Locale): (string | number | null)[] {
  const w = LEDGER_WORDS[locale];
  return [
    r.day,
    w.types[r.type] ?? r.type,
    r.title,
    r.sessions,
    r.registered,
    r.checked_in,
    r.walk_ins,
    r.companies.length,
    r.satisfaction,
    r.photos.length,
  ];
}

/** The totals row's values, in LEDGER_WORDS.totalsHead's order. */
export const totalsCells = (t: LedgerTotals) => [
  t.events,
  t.sessions,
  t.registered,
  t.checkedIn,
  t.walkIns,
  t.companies,
  t.photos,
];

import { DEFAULT_TIME_ZONE } from '@wutong/shared';

/** Zones most of our users live in, listed first. */
const FIRST = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'America/New_York',
  'UTC',
];

function offsetOf(zone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part ? part.value.replace('GMT', 'UTC') || 'UTC' : '';
  } catch {
    return '';
  }
}

let cache: { value: string; label: string }[] | null = null;

/** Every IANA zone the browser knows, as select options "Asia/Shanghai (UTC+08:00)". */
export function timeZoneOptions(current?: string): { value: string; label: string }[] {
  if (!cache) {
    const all =
      typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [DEFAULT_TIME_ZONE];
    const zones = [...new Set([...FIRST, ...all])];
    cache = zones.map((zone) => {
      const offset = offsetOf(zone);
      return { value: zone, label: offset ? `${zone} (${offset})` : zone };
    });
  }
  if (current && !cache.some((o) => o.value === current))
    return [{ value: current, label: current }, ...cache];
  return cache;
}

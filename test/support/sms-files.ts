import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A text as the `file` SMS provider wrote it: one JSON file `{to, kind, text, params}` each. */
export interface SentText {
  to: string;
  kind: string;
  text: string;
  params: Record<string, string>;
}

/** Every text written to `dir`, oldest first (the provider names its files in order). */
export function textsIn(dir: string): SentText[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json')) // not a text still being written (.<name>.<id>.part)
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SentText);
}

let serial = 0;
/**
 * A fresh mainland mobile (11 digits, `prefix` + 8) for each call, from the process id and a counter:
 * the tests of one run never share a number.
 */
export function freshMobile(prefix = '137'): string {
  return `${prefix}${String((process.pid * 1000 + serial++) % 100_000_000).padStart(8, '0')}`;
}

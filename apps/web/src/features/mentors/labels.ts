import type { TFunction } from 'i18next';

/** A suggested tag in the reader's language; a mentor's own tag as written. */
export function expertiseLabel(t: TFunction, tag: string): string {
  return t(`expertise.${tag}`, { defaultValue: tag });
}

export const CATEGORY_COLORS: Record<string, string> = {
  professor: 'geekblue',
  entrepreneur: 'volcano',
  banker: 'gold',
  investor: 'purple',
  lawyer: 'cyan',
  accountant: 'green',
  other: 'default',
};

import { ORGANIZATION_KINDS } from '@wutong/shared';
import type { TFunction } from 'i18next';

/** The carrier kinds as select options, in the contract's order. */
export function kindOptions(t: TFunction): { value: string; label: string }[] {
  return ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`admin.kinds.${kind}`) }));
}

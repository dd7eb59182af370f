import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatchReason } from '@wutong/shared';
import { formatNumber } from '../../shared/format';
import { expertiseLabel } from '../mentors/labels';

/** One reason in the reader's words, from its stable code and parameters. */
export function useReasonText() {
  const { t, i18n } = useTranslation();
  const list = (items: string[]) => items.join(i18n.language === 'zh-CN' ? '、' : ', ');
  return (r: MatchReason): string => {
    switch (r.code) {
      case 'expertise':
        return t('matching.reason.expertise', { tags: list(r.matched.map((tag) => expertiseLabel(t, tag))) });
      case 'category':
        return t('matching.reason.category', { category: t(`mentorCategory.${r.category}`) });
      case 'languages':
        return t('matching.reason.languages', {
          languages: list(r.matched.map((l) => t(`languageName.${l}`, { defaultValue: l }))),
        });
      case 'freeSlots':
        return t('matching.reason.freeSlots', {
          count: r.count,
          n: formatNumber(r.count, i18n.language),
          days: r.days,
        });
      case 'rating':
        return t('matching.reason.rating', {
          average: formatNumber(r.average, i18n.language),
          count: r.count,
          n: formatNumber(r.count, i18n.language),
        });
      case 'load':
        return t('matching.reason.load', {
          count: r.upcoming,
          n: formatNumber(r.upcoming, i18n.language),
        });
    }
  };
}

/** The reasons of a suggestion with the points each gave (green for, orange against). */
export function Reasons({ reasons }: { reasons: MatchReason[] }) {
  const text = useReasonText();
  const { i18n } = useTranslation();
  return (
    <Flex wrap gap={4} data-testid="match-reasons">
      {reasons.map((r) => (
        <Tag
          key={r.code}
          color={r.points > 0 ? 'green' : r.points < 0 ? 'orange' : 'default'}
          data-testid={`reason-${r.code}`}
          style={{ whiteSpace: 'normal' }}
        >
          {text(r)}
          {r.points !== 0 && ` ${r.points > 0 ? '+' : '−'}${formatNumber(Math.abs(r.points), i18n.language)}`}
        </Tag>
      ))}
    </Flex>
  );
}

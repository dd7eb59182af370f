import { Grid, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** On a phone, above a table wider than the screen: says that it scrolls sideways. */
export function ScrollHint() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  if (screens.md) return null;
  return (
    <Typography.Text type="secondary" className="wt-scroll-hint" data-testid="scroll-hint">
      <SwapOutlined /> {t('common.scrollHint')}
    </Typography.Text>
  );
}

/**
 * A wide table (antd's `scroll.x`) with the hint above it; its scrolling area is made reachable by
 * the keyboard (a focusable, named region), so it can be scrolled without a mouse.
 */
export function ScrollFrame({ label, children }: { label: string; children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const area of frame.current?.querySelectorAll('.ant-table-content, .ant-table-body') ?? []) {
      area.setAttribute('tabindex', '0');
      area.setAttribute('role', 'region');
      area.setAttribute('aria-label', label);
    }
  });
  return (
    <div ref={frame}>
      <ScrollHint />
      {children}
    </div>
  );
}

import { Grid, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
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

import { ConfigProvider } from 'antd';
// The ES modules: `antd/locale/*` are CommonJS and would bring a second copy of the locale tables.
// English costs nothing extra, it is antd's built-in default.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { AuthProvider } from '../shared/session/AuthProvider';
import { useReducedMotion } from '../shared/useReducedMotion';
import { Feedback } from './Feedback';

const theme = {
  token: {
    colorPrimary: '#1f7a4d',
    colorLink: '#1f7a4d',
    // Text at least 4.5:1 on white and on the light greys of cards and tables (WCAG AA; checked by
    // the accessibility suite): antd's defaults (0.45 alpha) give 3.4:1 for dates, venues and hints.
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorError: '#cf1322',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Menu: { itemSelectedBg: '#e3f2ea', itemSelectedColor: '#1f7a4d', itemHoverBg: '#f0f7f3' },
  },
};

// "登录", not antd's default "登 录".
const button = { autoInsertSpace: false };

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  // Menus, drawers and dialogs open and close without animation for people who asked their system
  // for less motion (WCAG 2.3.3); the browser tests ask for it too, so a click never lands on a menu
  // that is still moving.
  const reducedMotion = useReducedMotion();
  const themed = useMemo(
    () => (reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme),
    [reducedMotion],
  );

  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
  }, [english]);

  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={themed} button={button}>
      <Feedback>
        <BrowserRouter>
          <AuthProvider>{children}</AuthProvider>
        </BrowserRouter>
      </Feedback>
    </ConfigProvider>
  );
}

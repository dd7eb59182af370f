import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { AuthProvider } from '../shared/session/AuthProvider';

const theme = {
  token: {
    colorPrimary: '#1f7a4d',
    colorLink: '#1f7a4d',
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

  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
  }, [english]);

  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme} button={button}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>{children}</AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

import {
  FileTextOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  IdcardOutlined,
  QrcodeOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  FileSearchOutlined,
  ContactsOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/** Icon of each menu entry, by path (see nav.ts). */
export const NAV_ICONS: Record<string, ReactNode> = {
  '/events': <CalendarOutlined />,
  '/mentors': <TeamOutlined />,
  '/me/registrations': <FileDoneOutlined />,
  '/me/bookings': <ScheduleOutlined />,
  '/me/attendance': <CheckCircleOutlined />,
  '/me/office-hours': <FieldTimeOutlined />,
  '/me/mentor-profile': <IdcardOutlined />,
  '/manage/events': <SettingOutlined />,
  '/check-in': <QrcodeOutlined />,
  '/dashboard': <BarChartOutlined />,
  '/manage/no-show-contests': <SafetyCertificateOutlined />,
  '/manage/coaching-records': <FileTextOutlined />,
  '/admin/carriers': <BankOutlined />,
  '/admin/users': <UserSwitchOutlined />,
  '/admin/accounts': <ContactsOutlined />,
  '/admin/audit': <FileSearchOutlined />,
};

import type { OrganizationKind } from '@wutong/shared';

/**
 * The demo base, after docs/product.md: a national high-tech zone with an innovation centre, a startup
 * centre, a software park, incubators, e-commerce and 5G parks, 60 mentors and a few hundred founders.
 */
export const DEMO_BASE = { name: '衡阳高新区双创示范基地', kind: 'base' as OrganizationKind };

export const DEMO_CARRIERS: { name: string; kind: OrganizationKind; slug: string }[] = [
  { name: '衡阳高新区创新中心', kind: 'innovation_centre', slug: 'innovation' },
  { name: '大学生创业中心', kind: 'startup_centre', slug: 'startup' },
  { name: '衡阳软件园', kind: 'software_park', slug: 'software' },
  { name: '高新区科技企业孵化器', kind: 'incubator', slug: 'incubator' },
  { name: '湘南众创空间', kind: 'incubator', slug: 'maker' },
  { name: '电子商务产业园', kind: 'industrial_park', slug: 'ecommerce' },
  { name: '5G 产业园', kind: 'industrial_park', slug: 'fiveg' },
  { name: '综合服务中心', kind: 'service_agency', slug: 'services' },
];

export type MentorCategory = 'professor' | 'entrepreneur' | 'banker' | 'investor' | 'lawyer' | 'accountant';

/** How many mentors of each kind (60 in all, mostly professors, entrepreneurs and bankers). */
export const DEMO_MENTOR_MIX: [MentorCategory, number, string[]][] = [
  ['professor', 24, ['南华大学', '衡阳师范学院', '湖南工学院', '湖南环境生物职业技术学院']],
  ['entrepreneur', 16, ['衡阳智造科技', '湘江新材料', '雁城电子', '南岳生物医药']],
  ['banker', 12, ['中国银行衡阳分行', '衡阳农商银行', '建设银行衡阳分行', '华融湘江银行']],
  ['investor', 4, ['湘江创投', '高新区产业引导基金']],
  ['lawyer', 2, ['湘南律师事务所']],
  ['accountant', 2, ['衡州会计师事务所']],
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志宏晓东海波宇航浩然子涵欣怡梓萱一诺思远嘉怡俊杰';

/** A plausible Chinese name for the n-th demo person, the same on every run. */
export function demoName(n: number): string {
  const surname = SURNAMES[(n * 7) % SURNAMES.length];
  const g1 = GIVEN[(n * 13 + 3) % GIVEN.length];
  const g2 = GIVEN[(n * 29 + 11) % GIVEN.length];
  return n % 3 === 0 ? surname + g1 : surname + g1 + g2;
}

export const DEMO_COMPANY_WORDS = [
  '智造',
  '云联',
  '湘江',
  '雁城',
  '蓝海',
  '星火',
  '衡科',
  '创想',
  '数智',
  '绿源',
  '南岳',
  '融通',
];
export const DEMO_COMPANY_KINDS = [
  '科技',
  '信息技术',
  '电子',
  '新材料',
  '生物科技',
  '电子商务',
  '文化传媒',
  '农业科技',
];

import type { FieldError, Locale } from '@wutong/shared';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Human text for each error code, in both languages. Placeholders: {name}. */
export const ERROR_MESSAGES: Catalog = {
  VALIDATION_FAILED: { 'zh-CN': '提交的数据有误，请检查后重试', en: 'Some fields are invalid' },
  BAD_REQUEST: { 'zh-CN': '请求格式不正确', en: 'The request is malformed' },
  UNAUTHORIZED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  FORBIDDEN: { 'zh-CN': '您没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { 'zh-CN': '未找到该内容', en: 'Not found' },
  CONFLICT: { 'zh-CN': '操作与当前状态冲突', en: 'This conflicts with the current state' },
  RATE_LIMITED: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many attempts, please try again later' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '不支持的内容类型，请提交 JSON',
    en: 'Unsupported content type; send JSON',
  },
  INTERNAL_ERROR: { 'zh-CN': '服务器出错了，请稍后再试', en: 'Something went wrong on our side' },
  SERVICE_UNAVAILABLE: { 'zh-CN': '服务暂时不可用', en: 'The service is unavailable' },
  EMAIL_TAKEN: { 'zh-CN': '该邮箱已注册', en: 'This email is already registered' },
  INVALID_CREDENTIALS: { 'zh-CN': '邮箱或密码不正确', en: 'Wrong email or password' },
  WEAK_PASSWORD: {
    'zh-CN': '密码太弱：至少 {min} 个字符，且不能是常见密码',
    en: 'Password too weak: at least {min} characters and not a common password',
  },
  WRONG_PASSWORD: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  INVALID_RESET_TOKEN: {
    'zh-CN': '重置链接无效或已过期，请重新申请',
    en: 'This reset link is invalid or has expired; request a new one',
  },
  INVALID_CREDIT_CODE: {
    'zh-CN': '统一社会信用代码无效（18 位，末位为校验码）',
    en: 'Invalid unified social credit code (18 characters with a check character)',
  },
  ROLE_NOT_GRANTABLE: { 'zh-CN': '该角色不能授予或移除', en: 'This role cannot be granted or removed' },
  LAST_ADMIN: { 'zh-CN': '不能移除最后一位管理员', en: 'The last administrator cannot be removed' },
  ORGANIZATION_NAME_TAKEN: { 'zh-CN': '已有同名载体', en: 'A carrier with this name exists' },
  INVALID_TIME_ZONE: { 'zh-CN': '时区无效', en: 'Unknown time zone' },
};

export function errorMessage(
  code: string,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  const entry = ERROR_MESSAGES[code];
  const template = entry ? entry[locale] : code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

/** Chinese wording of field rules; `{n}` takes the first number of the English message. */
const FIELD_RULES_ZH: Record<string, string> = {
  whitelistValidation: '不允许提交此字段',
  isEmail: '必须是有效的邮箱地址',
  isString: '必须是文本',
  isNotEmpty: '不能为空',
  minLength: '至少 {n} 个字符',
  maxLength: '不能超过 {n} 个字符',
  isIn: '不是允许的取值',
  isEnum: '不是允许的取值',
  isUUID: '必须是有效的 ID',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  min: '不能小于 {n}',
  max: '不能大于 {n}',
  isBoolean: '必须是 true 或 false',
  isDateString: '必须是带时区的 ISO-8601 时间',
  isISO8601: '必须是带时区的 ISO-8601 时间',
  matches: '格式不正确',
  isArray: '必须是数组',
  arrayMaxSize: '最多 {n} 项',
  arrayMinSize: '至少 {n} 项',
  nestedValidation: '必须是对象',
  isObject: '必须是对象',
  unknownValue: '请求内容必须是对象',
  invalidJson: '不是有效的 JSON',
  emptyBody: '不能为空',
  passwordTooShort: '密码至少 {n} 个字符',
  passwordTooLong: '密码不能超过 {n} 个字符',
  passwordRepetitive: '密码不能只重复一两个字符',
  passwordCommon: '这是最常见的密码之一，请换一个',
  passwordIsEmail: '密码不能与邮箱相同',
  currentPasswordMismatch: '当前密码不正确',
  creditCodeCheck: '统一社会信用代码的校验码不正确',
  timeZone: '不是有效的时区',
  unknownCarrier: '没有这个载体',
  selfParent: '载体不能以自己为上级',
};

/** Details in the caller's language: English as written, Chinese by rule where we know the rule. */
export function localizeDetails(details: FieldError[], locale: Locale): FieldError[] {
  if (locale === 'en') return details;
  return details.map((d) => ({
    ...d,
    messages: d.messages.map((message, i) => {
      const template = d.rules?.[i] ? FIELD_RULES_ZH[d.rules[i]] : undefined;
      if (!template) return message;
      const n = /\d+/.exec(message)?.[0] ?? '';
      return template.replace('{n}', n);
    }),
  }));
}

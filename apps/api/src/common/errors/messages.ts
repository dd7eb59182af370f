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
  DATABASE_UNAVAILABLE: {
    'zh-CN': '数据库暂时无法连接，请稍后重试',
    en: 'The database is unreachable right now; please try again shortly',
  },
  EMAIL_TAKEN: { 'zh-CN': '该邮箱已注册', en: 'This email is already registered' },
  INVALID_CREDENTIALS: { 'zh-CN': '邮箱或密码不正确', en: 'Wrong email or password' },
  ACCOUNT_DEACTIVATED: { 'zh-CN': '这个账号已被管理员停用', en: 'This account was deactivated by an admin' },
  CANNOT_DEACTIVATE_SELF: { 'zh-CN': '不能停用自己的账号', en: 'You cannot deactivate your own account' },
  MFA_CODE_REQUIRED: {
    'zh-CN': '请输入身份验证器应用中的 6 位验证码',
    en: 'Enter the 6-digit code from your authenticator app',
  },
  INVALID_MFA_CODE: { 'zh-CN': '验证码不正确或已使用', en: 'The code is wrong or was already used' },
  WRONG_MFA_CODE: { 'zh-CN': '验证码不正确或已使用', en: 'The code is wrong or was already used' },
  MFA_ALREADY_ENABLED: { 'zh-CN': '两步验证已开启', en: 'Two-step sign-in is already on' },
  MFA_NOT_ENABLED: { 'zh-CN': '两步验证尚未开启', en: 'Two-step sign-in is not on' },
  MFA_SETUP_REQUIRED: {
    'zh-CN': '管理员需开启两步验证并用验证码登录后才能执行此操作',
    en: 'Admins must turn on two-step sign-in and sign in with a code to do this',
  },
  EMAIL_NOT_VERIFIED: {
    'zh-CN': '请先验证邮箱：输入注册时邮件中的 6 位验证码后才能报名和预约',
    en: 'Verify your email first: enter the 6-digit code we mailed you to register and book',
  },
  INVALID_CODE: {
    'zh-CN': '验证码不正确、已使用或已过期，请重新获取',
    en: 'The code is wrong, used or expired; ask for a new one',
  },
  PHONE_TAKEN: {
    'zh-CN': '该手机号已被其他账号验证',
    en: 'Another account has verified this phone number',
  },
  WRONG_CODE: {
    'zh-CN': '验证码不正确、已使用或已过期，请重新获取',
    en: 'The code is wrong, used or expired; ask for a new one',
  },
  ALREADY_VERIFIED: { 'zh-CN': '该账号已验证', en: 'This account is already verified' },
  EMAIL_REQUIRED: { 'zh-CN': '请先填写邮箱', en: 'Add an email address first' },
  COMPANY_EXISTS: {
    'zh-CN': '已有企业使用该统一社会信用代码（或同名且无代码）',
    en: 'Another company already has this credit code (or this name without one)',
  },
  NOT_COMPANY_MEMBER: {
    'zh-CN': '只能指定本企业的成员为负责人',
    en: "The owner must be one of the company's members",
  },
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
  BASE_EXISTS: {
    'zh-CN': '已有一个示范基地，载体类型不能再设为“基地”',
    en: 'There is a base already; no second carrier can be a base',
  },
  INVALID_TIME_ZONE: { 'zh-CN': '时区无效', en: 'Unknown time zone' },
  EVENT_FULL: { 'zh-CN': '名额已满', en: 'The event is full' },
  REGISTRATION_CLOSED: { 'zh-CN': '当前不在报名时间内', en: 'Registration is not open' },
  CAPACITY_BELOW_TAKEN: {
    'zh-CN': '名额不能少于已确认的报名人数',
    en: 'Capacity cannot go below the seats already taken',
  },
  EVENT_CANCELLED: { 'zh-CN': '活动已取消', en: 'The event is cancelled' },
  REGISTRATION_NOT_PENDING: {
    'zh-CN': '该报名不在待审核状态',
    en: 'This registration is not awaiting approval',
  },
  UNSUPPORTED_IMAGE: {
    'zh-CN': '请上传不超过 10 MB 的 JPEG、PNG 或 WebP 图片',
    en: 'Upload a JPEG, PNG or WebP picture of at most 10 MB',
  },
  TICKET_NOT_FOUND: { 'zh-CN': '未找到该电子票（或不属于本活动）', en: 'No such ticket for this event' },
  NOT_CONFIRMED: {
    'zh-CN': '该报名未确认（候补、待审核或已取消）',
    en: 'This registration is not confirmed (waitlisted, pending or cancelled)',
  },
  NOT_REGISTERED: {
    'zh-CN': '您没有本活动的有效报名',
    en: 'You have no confirmed registration for this event',
  },
  CHECK_IN_CLOSED: { 'zh-CN': '不在签到时间内', en: 'Check-in is not open now' },
  NOT_COMPLETED: {
    'zh-CN': '出席场次未达到结业要求',
    en: 'Not enough sessions attended to complete this training',
  },
  CERTIFICATE_REVOKED: { 'zh-CN': '该证书已被撤销', en: 'This certificate has been revoked' },
  EVENT_NOT_ENDED: {
    'zh-CN': '活动最后一场结束后才能领取结业证书',
    en: 'The certificate is issued once the last session has ended',
  },
  CHECK_IN_CODE_EXPIRED: {
    'zh-CN': '签到码已过期，请重新扫描现场屏幕上的二维码',
    en: 'This check-in code has expired; scan the code on the screen again',
  },
  // mentors and office hours (issue #5)
  SLOT_UNAVAILABLE: {
    'zh-CN': '该时段已被预约或不可预约，请选择其他时段',
    en: 'This time is taken or not offered; pick another slot',
  },
  BOOKING_LIMIT: {
    'zh-CN': '你与这位导师的未开始预约已达上限（{max} 个）',
    en: 'You already hold the most upcoming bookings allowed with this mentor ({max})',
  },
  OPEN_BOOKINGS_LIMIT: {
    'zh-CN': '你的未开始预约已达上限（{max} 个），请先完成或取消已有预约',
    en: 'You already hold the most upcoming bookings allowed ({max}); finish or cancel one first',
  },
  BOOKING_SUSPENDED: {
    'zh-CN': '由于多次预约未到场，你暂时不能预约导师（至 {until}）',
    en: 'After repeated no-shows you cannot book mentors for now (until {until})',
  },
  BOOKING_NOT_ACTIVE: { 'zh-CN': '该预约已取消或已结束', en: 'This booking is already cancelled or closed' },
  SESSION_NOT_STARTED: { 'zh-CN': '辅导尚未开始，不能标记', en: 'The session has not started yet' },
  BOOKING_NOT_COMPLETED: {
    'zh-CN': '辅导完成后才能评价',
    en: 'Feedback opens once the session is completed',
  },
  FEEDBACK_EXISTS: { 'zh-CN': '你已经评价过这次辅导', en: 'You already left feedback for this session' },
  OWN_OFFICE_HOURS: { 'zh-CN': '不能预约自己的辅导时间', en: 'You cannot book your own office hours' },
  INVALID_INVITATION: {
    'zh-CN': '邀请链接无效、已使用或已过期',
    en: 'This invitation link is invalid, used or expired',
  },
  INVITATION_EMAIL_MISMATCH: {
    'zh-CN': '此邀请发给了另一个邮箱地址，请使用收到邀请的邮箱注册或登录后再接受',
    en: 'This invitation was sent to another address; sign up or log in with the address that received it',
  },
  TOO_EARLY: { 'zh-CN': '时间未到，暂时不能进行此操作', en: 'It is too early for this' },
  NOT_A_NO_SHOW: {
    'zh-CN': '只有被标记为未到场的预约才能申诉',
    en: 'Only a booking marked as a no-show can be contested',
  },
  CONTEST_EXISTS: {
    'zh-CN': '你已经对这次未到场标记提出过申诉',
    en: 'You already contested this no-show mark',
  },
  CONTEST_NOT_OPEN: {
    'zh-CN': '该申诉不存在或已处理',
    en: 'There is no open contest for this booking',
  },
  NO_SHOW_OVERTURNED: {
    'zh-CN': '该未到场标记已被组织者撤销，不能再次标记',
    en: 'An organizer overturned this no-show mark; it cannot be marked again',
  },
  PERIOD_LOCKED: {
    'zh-CN': '{month} 已锁定（已上报），该月的签到和场次时间不能再改动',
    en: 'The month {month} is locked (reported): its check-ins and session times cannot change',
  },
  INVALID_PERIOD: {
    'zh-CN': '统计期间无效：请选择年度、季度、月份，或起止日期（起始早于截止，最长 366 天）',
    en: 'The period is not valid: choose a year, a quarter, a month or from/to days (from before to, 366 days at most)',
  },
  SESSION_NOT_IN_EVENT: {
    'zh-CN': '该场次不属于这个活动',
    en: 'This session is not part of this event',
  },
  SMS_LINK_NOT_ALLOWED: {
    'zh-CN': '短信中不能包含链接，请删除网址或只发邮件',
    en: 'Text messages cannot contain links: remove the address or send by email only',
  },
  SMS_TOO_LONG: {
    'zh-CN': '短信最多 {max} 个字，当前 {length} 个字',
    en: 'A text message holds at most {max} characters; this one has {length}',
  },
  MESSAGE_LIMIT_REACHED: {
    'zh-CN': '每人每小时最多为一个活动发送 {limit} 条消息，请稍后再发',
    en: 'You can send at most {limit} messages an hour for one event; try again later',
  },
  MESSAGE_ID_TAKEN: {
    'zh-CN': '该消息编号已被其他活动使用',
    en: 'This message id belongs to another event',
  },
  REQUEST_NOT_OPEN: {
    'zh-CN': '这份预约申请已处理、已撤回或已失效',
    en: 'This booking request was answered, withdrawn or has lapsed',
  },
  ALREADY_ANSWERED: { 'zh-CN': '您已填写过这份问卷', en: 'You have already answered this survey' },
  SURVEY_SENT: {
    'zh-CN': '问卷已发出，题目不能再修改',
    en: 'The survey was sent; its questions can no longer change',
  },
  INVALID_ANSWER: {
    'zh-CN': '第「{question}」题的答案不符合题型要求',
    en: 'The answer to "{question}" does not fit the question',
  },
  ANSWER_REQUIRED: { 'zh-CN': '请回答必答题「{question}」', en: 'Please answer "{question}"' },
  UNKNOWN_QUESTION: {
    'zh-CN': '问卷中没有这道题：{question}',
    en: 'The survey has no such question: {question}',
  },
  SURVEY_NOT_OPEN: {
    'zh-CN': '问卷在活动最后一场结束后开放填写',
    en: "The survey opens once the event's last session has ended",
  },
  INVALID_SURVEY_LINK: { 'zh-CN': '问卷链接无效', en: 'This survey link is not valid' },
  MENTORING_REQUEST_CLOSED: {
    'zh-CN': '这条导师需求已约上导师或已撤回',
    en: 'This mentoring need was already matched or withdrawn',
  },
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

/** Chinese wording of field rules; `{n}` takes the first number of the English message, `{q}` its first "quoted" text. */
const FIELD_RULES_ZH: Record<string, string> = {
  whitelistValidation: '不允许提交此字段',
  isEmail: '必须是有效的邮箱地址',
  isString: '必须是文本',
  isNotEmpty: '不能为空',
  notBlank: '不能只填空格',
  minLength: '至少 {n} 个字符',
  maxLength: '不能超过 {n} 个字符',
  isIn: '不是允许的取值',
  isEnum: '不是允许的取值',
  isUUID: '必须是有效的 ID',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  maxDecimalPlaces: '最多保留 {n} 位小数',
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
  maxDepth: '嵌套层级不能超过 {n} 层',
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
  parentCycle: '不能把载体放到它自己的下级之下',
  // mentors and office hours (issue #5; endAfterStart is shared with events)
  overlappingRules: '同一天的时间段不能重叠',
  rangeTooLong: '时间范围过长',
  fromBeforeTo: '开始时间必须早于结束时间',
  dateFormat: '必须是 YYYY-MM-DD 格式的日期',
  hoursNeeded: '请填写开始和结束时间，或标记为全天不可约',
  venueNameTaken: '本载体已有同名场地',
  unknownVenue: '不是本载体的场地',
  unknownMentor: '必须是导师库中的导师',
  unknownSession: '不是本活动的场次',
  endAfterStart: '结束时间必须晚于开始时间',
  sessionTooLong: '一个场次最长 14 天',
  closeAfterOpen: '报名截止时间必须晚于开始时间',
  twoOptions: '选择题至少需要两个选项',
  answerRequired: '「{q}」为必填项',
  answerChoice: '「{q}」请从给出的选项中选择',
  answerType: '「{q}」的答案格式不正确',
  answerLength: '「{q}」的回答过长',
  unknownQuestion: '不是本活动的报名问题',
  oneOf: '请只提供电子票、报名记录或现场登记中的一项',
  eventMetricOnly: '只有活动类指标可按活动类型设定目标',
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
      const quoted = /"([^"]+)"/.exec(message)?.[1] ?? '';
      return template.replace('{n}', n).replace('{q}', quoted);
    }),
  }));
}

/**
 * Passwords seen most often in leaked lists, Chinese and international; refused at sign-up, reset and
 * change. Compared lower-case. (Issue #8 replaces this with a list of the 3,000 most common.)
 */
export const COMMON_PASSWORDS = new Set([
  '12345678', '123456789', '1234567890', '87654321', '11111111', '00000000', '88888888', '66666666',
  '11223344', '12341234', '123123123', '147258369', '123456abc', 'a1234567', 'a12345678', 'aa123456',
  'abc12345', 'abcd1234', 'abc123456', 'qwertyui', 'qwerty123', 'qwertyuiop', '1qaz2wsx', 'zxcvbnm1',
  'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'iloveyou', 'woaini1314', '5201314a',
  'woaini520', 'wang1234', 'zhang123', 'admin123', 'administrator', 'welcome1', 'letmein1', 'sunshine',
  'football', 'baseball', 'superman', 'princess', 'trustno1', 'dragon12', 'monkey12', 'asdfghjk',
  'asdf1234', 'q1w2e3r4', '1q2w3e4r', 'zaq12wsx', 'qazwsxedc', '1234qwer', 'qwer1234', '1234abcd',
  'wutong123', 'changeme', 'computer', 'internet', 'whatever', 'starwars', 'michael1', 'shadow12',
]);

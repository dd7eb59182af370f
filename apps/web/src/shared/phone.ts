/**
 * The shape of a phone number, checked as people type: a mainland mobile (138 0013 8000, +86 …),
 * a landline with its area code (0734-8888888), or +country code and digits. The API checks the
 * number itself against libphonenumber's full metadata (too heavy to ship to every phone).
 */
export const PHONE_PATTERN =
  /^(?:(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}|0\d{2,3}[ -]?\d{7,8}|\+[1-9](?:[ ()-]?\d){6,16})$/;

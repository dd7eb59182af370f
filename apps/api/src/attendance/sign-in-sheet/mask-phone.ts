/**
 * A phone number as a printed sheet shows it: 138****5678 (mainland mobiles, with or without +86),
 * else the first three and last four digits around stars; short numbers keep their last two only.
 */
export function maskPhone(phone: string | null | undefined): string {
  let digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length === 0) return '';
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `****${digits.slice(-2)}`;
}

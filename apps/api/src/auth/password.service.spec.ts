import { PasswordService } from './password.service';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await passwords.hash('Correct-Horse-9');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await passwords.verify(hash, 'Correct-Horse-9')).toBe(true);
    expect(await passwords.verify(hash, 'correct-horse-9')).toBe(false);
    expect(await passwords.verify(null, 'Correct-Horse-9')).toBe(false);
    expect(await passwords.verify('not-a-hash', 'x')).toBe(false);
  });

  it.each([
    'short1!',
    '12345678',
    'Password123',
    'abababababab',
    'li.ming@example.cn',
    'li.ming',
    'y'.repeat(129),
  ])('refuses the weak password %s', (pw) => {
    expect(() => passwords.assertStrong(pw, 'li.ming@example.cn')).toThrow(
      expect.objectContaining({ code: 'WEAK_PASSWORD' }),
    );
  });

  it('accepts 8 to 128 characters that are not common', () => {
    expect(() => passwords.assertStrong('梧桐树下凤凰来栖', 'a@b.cn')).not.toThrow();
    expect(() => passwords.assertStrong('Zq7'.repeat(42) + 'xy', 'a@b.cn')).not.toThrow();
  });
});

import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each(['short1A', 'abcdefghij', '1234567890', 'ABCDEFGHIJKL', '!!!!!!!!!!!'])('refuses %s', (pw) => {
    const p = passwordProblem(pw, 'user.password');
    expect(p?.path).toBe('user.password');
    expect(p?.message).toMatchObject({ zh: expect.stringContaining('10'), en: expect.stringContaining('10') });
  });
  it.each(['abcdefghi1', 'Abcdefghij', 'correct horse 1', '密码很长很长很长很长1'])('accepts %s', (pw) => {
    expect(passwordProblem(pw, 'password')).toBeNull();
  });
});

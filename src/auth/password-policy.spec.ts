import 'reflect-metadata';
import { InvalidInputError } from '../common/errors/app-error';
import { PasswordPolicy } from './password-policy';

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();

  it.each([
    ['a top password', 'password', 'one of the most used passwords'],
    ['a common password', 'iloveyou12', 'commonly used password'],
    ['a common password with a suffix', 'password-123', 'commonly used password'],
    ['a leetspeak common password', 'P@ssw0rd!', 'commonly used password'],
    ['a keyboard row', 'qwertyuiop', 'most used passwords'],
    ['a repeated character', 'aaaaaaaaaaaa', 'repeats characters'],
    ['a sequence', 'abcdefghijklmn', 'sequence'],
  ])('refuses %s, saying why and what to do', (_case, password, reason) => {
    const problem = policy.problem('password', password, []);
    expect(problem).toContain('password is too easy to guess');
    expect(problem).toContain(reason);
    expect(problem).toContain('three or four unrelated uncommon words');
  });

  it("refuses a password built from the account's email or name", () => {
    expect(policy.problem('password', 'ada.lovelace', ['ada.lovelace@example.com'])).toContain(
      'your email, your name or your current password',
    );
    expect(
      policy.problem('password', 'Lovelace1815', ['ada@example.com', 'Ada Lovelace']),
    ).toContain('too easy to guess');
    expect(policy.problem('password', 'lovelacelovelace', [null, 'Ada Lovelace'])).not.toBeNull();
  });

  it('refuses the current password with a character added, when it is given', () => {
    const current = 'glacier-tulip-87-harbor';
    expect(policy.problem('newPassword', `${current}!`, [current])).toContain(
      'newPassword is too easy to guess (it contains your email, your name or your current password)',
    );
    expect(policy.problem('newPassword', `${current}!`, [])).toBeNull();
  });

  it.each([
    'glacier tulip harbor 87',
    'correct horse battery staple',
    'velvet-orbit-lantern-42',
    'kj3$hd9!Lq2zW',
  ])('accepts %s', (password) => {
    expect(policy.problem('password', password, ['someone@example.com'])).toBeNull();
  });

  it('scores only the first 64 characters', () => {
    expect(policy.problem('password', 'x'.repeat(64) + 'K7#mQ2vL9@pR4tW8', [])).not.toBeNull();
    expect(policy.problem('password', 'K7#mQ2vL9@pR4tW8' + 'x'.repeat(112), [])).toBeNull();
  });

  it('throws an InvalidInputError (400) from assertAcceptable', () => {
    expect(() => policy.assertAcceptable('password', 'password1', [])).toThrow(InvalidInputError);
    expect(() => policy.assertAcceptable('password', 'glacier tulip harbor 87', [])).not.toThrow();
  });
});

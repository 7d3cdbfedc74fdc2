import { InvalidInputError } from '../common/errors/app-error';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * zxcvbn scores 0..4; 3 means about 10^8 guesses or more ("safely unguessable: moderate
 * protection from an offline slow-hash attack"). Below it the password is refused.
 */
const MIN_SCORE = 3;

/**
 * Only the first 64 characters are scored: zxcvbn's matching grows faster than the length, and a
 * password whose first 64 characters are hard to guess is hard to guess.
 */
const SCORED_LENGTH = 64;

/**
 * Leetspeak variants tried per password (zxcvbn's default is 100): each variant is one more pass
 * over the dictionaries, and 4 already catches `p@ssw0rd`-style spellings.
 */
const L33T_VARIANTS = 4;

/** Why zxcvbn found the password weak (its warning keys), in words a user acts on. */
const REASONS: Record<string, string> = {
  topTen: 'it is one of the most used passwords',
  topHundred: 'it is one of the most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is a small change to a commonly used password',
  userInputs: 'it contains your email, your name or your current password',
  wordByItself: 'a single word is easy to guess',
  namesByThemselves: 'a single name is easy to guess',
  commonNames: 'common names are easy to guess',
  straightRow: 'it is a row of keys on the keyboard',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'it repeats characters',
  extendedRepeat: 'it repeats a pattern',
  sequences: 'it is a sequence like "abc" or "123"',
  recentYears: 'it is mostly a year',
  dates: 'it is mostly a date',
};

/**
 * Refuses passwords that are common, breached or otherwise easy to guess, with the zxcvbn-ts
 * estimator and the dictionaries of @zxcvbn-ts/language-common: the 49,233 passwords that recur
 * most in a public corpus of ten million leaked ones (Mark Burnett's), a 7,776-word diceware
 * list, and keyboard layouts for patterns; dates, repeats, sequences and leetspeak are scored
 * too. The account's email, name and current password count as known to the attacker.
 *
 * Plain TypeScript (provided by AuthModule's factory), so it is unit-tested without Nest. Built
 * once, when the app starts (about 50 ms to rank the dictionaries, 9 MiB of heap). A check runs
 * on the event loop, in CPU time: about 0.6 ms for a typical password and 6 ms (21 ms at worst)
 * for a hostile 128-character one, on the shared 2-core machine at a load average of 8
 * (`npm run bench:password-policy`). The English word lists of @zxcvbn-ts/language-en were left
 * out: they would also catch compounds of common words such as "right-password", but cost 4 to
 * 5 times as much per check and 18 MiB more heap.
 */
export class PasswordPolicy {
  private readonly estimator = new ZxcvbnFactory({
    dictionary,
    graphs: adjacencyGraphs,
    maxLength: SCORED_LENGTH,
    l33tMaxSubstitutions: L33T_VARIANTS,
  });

  constructor() {
    // Ranks the dictionaries now, at start-up, rather than in the first request that checks.
    this.estimator.check('warm up the dictionaries');
  }

  /** Throws InvalidInputError (400) with the message of `problem` when there is one. */
  assertAcceptable(
    field: string,
    password: string,
    knownToAttacker: readonly (string | null | undefined)[],
  ): void {
    const problem = this.problem(field, password, knownToAttacker);
    if (problem) throw new InvalidInputError(problem);
  }

  /**
   * Null when `password` is acceptable, else a message that names `field`, says why and what to
   * do. `knownToAttacker`: the account's email, display name, current password.
   */
  problem(
    field: string,
    password: string,
    knownToAttacker: readonly (string | null | undefined)[],
  ): string | null {
    const inputs = userInputs(knownToAttacker);
    const result = this.estimator.check(password, inputs);
    if (result.score >= MIN_SCORE) return null;
    const reason = (result.feedback.warning && REASONS[result.feedback.warning]) ?? undefined;
    return (
      `${field} is too easy to guess${reason ? ` (${reason})` : ''}: ` +
      'use a longer one, such as three or four unrelated uncommon words, or a password ' +
      "manager's random password"
    );
  }
}

/**
 * The strings zxcvbn treats as known to the attacker: each value, an email's local part, and
 * their words (a name's parts), cut to the scored length so they cannot widen its search.
 */
function userInputs(values: readonly (string | null | undefined)[]): string[] {
  const inputs = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    const cut = value.slice(0, SCORED_LENGTH);
    inputs.add(cut);
    const at = cut.lastIndexOf('@');
    if (at > 0) inputs.add(cut.slice(0, at));
    for (const word of cut.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 3) inputs.add(word);
  }
  return [...inputs];
}

import 'reflect-metadata';
import { cpuUsage, memoryUsage } from 'node:process';
import { performance } from 'node:perf_hooks';
import { createSeededRandom, RandomSource } from '../../src/recommender/seeded-random';
import { describeLoad, describeMachine, loadAverage } from '../support/machine';

/**
 * `npm run bench:password-policy`: what the password check costs. The policy is built once (as
 * the app does at start-up), then checks seeded passwords of two kinds: typical ones (diceware
 * words with digits, random 8-24 character strings, common passwords with a suffix) and hostile
 * 128-character ones chosen to make zxcvbn's matchers work hardest (leetspeak alphabets, digits,
 * repeats). CPU time per check (the event loop is blocked that long), with an account's email
 * and name as the user inputs.
 */
const TYPICAL = 600;
const HOSTILE_ROUNDS = 8;
const KNOWN = ['someone.name@example.com', 'Display Name'];

function pick<T>(random: RandomSource, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

function randomString(random: RandomSource, alphabet: string, length: number): string {
  return Array.from({ length }, () => pick(random, [...alphabet])).join('');
}

type Dictionaries = Record<string, readonly (string | number)[]>;

function typicalPasswords(random: RandomSource, dictionary: Dictionaries): string[] {
  const words = dictionary['diceware-common'].map(String);
  const common = dictionary['passwords-common'].slice(0, 5000).map(String);
  return Array.from({ length: TYPICAL }, (_, i) => {
    switch (i % 4) {
      case 0:
        return pick(random, words) + Math.floor(random() * 10000);
      case 1:
        return [0, 1, 2].map(() => pick(random, words)).join('-');
      case 2:
        return randomString(
          random,
          'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$',
          8 + Math.floor(random() * 17),
        );
      default:
        return `${pick(random, common)}!`;
    }
  });
}

function hostilePasswords(random: RandomSource): string[] {
  const cut = (text: string): string => text.repeat(Math.ceil(128 / text.length)).slice(0, 128);
  return [
    cut('x'),
    cut('aB3$'),
    cut('1234567890'),
    cut('Password1!'),
    cut('P@$$w0rd!'),
    cut('passwordpassword'),
    randomString(random, '4@8({[<3|!1|70$5+%2', 128),
    randomString(random, 'aeiost01345@$!', 128),
    randomString(random, '0123456789', 128),
    randomString(random, '0123456789/-.', 128),
    randomString(random, 'qwertyuiopasdfghjkl', 128),
    randomString(random, 'abcdefghijklmnopqrstuvwxyz', 128),
  ];
}

function cpuMs(): number {
  const usage = cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function summary(label: string, costs: number[]): string {
  const sorted = [...costs].sort((a, b) => a - b);
  const at = (q: number): string =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  return `| ${label} | ${sorted.length} | ${at(0.5)} | ${at(0.9)} | ${at(0.99)} | ${sorted[sorted.length - 1].toFixed(2)} |`;
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const heapBefore = memoryUsage().heapUsed;
  let started = performance.now();
  // Loaded here, not at the top, so that the time and heap include the dictionaries' modules
  // (and @nestjs/common, which the app has loaded anyway).
  const { PasswordPolicy } = await import('../../src/auth/password-policy');
  const importMs = performance.now() - started;
  started = performance.now();
  const policy = new PasswordPolicy();
  const buildMs = performance.now() - started;
  const heapMiB = (memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const random = createSeededRandom(42);
  const measure = (passwords: string[]): number[] =>
    passwords.map((password) => {
      const before = cpuMs();
      policy.problem('password', password, KNOWN);
      return cpuMs() - before;
    });
  const { dictionary } = await import('@zxcvbn-ts/language-common');
  const typical = measure(typicalPasswords(random, dictionary));
  const hostile = Array.from({ length: HOSTILE_ROUNDS }, () =>
    measure(hostilePasswords(random)),
  ).flat();
  process.stdout.write(
    `machine: ${describeMachine()}; ${describeLoad(loadBefore, loadAverage())}\n`,
  );
  process.stdout.write(
    `modules loaded in ${importMs.toFixed(0)} ms, policy built (dictionaries ranked) in ` +
      `${buildMs.toFixed(0)} ms; heap +${heapMiB.toFixed(1)} MiB\n\n`,
  );
  process.stdout.write(
    '| passwords | checks | median CPU ms | p90 | p99 | max |\n|---|---|---|---|---|---|\n',
  );
  process.stdout.write(`${summary('typical (8-24 chars)', typical)}\n`);
  process.stdout.write(`${summary('hostile (128 chars)', hostile)}\n`);
}

void main();

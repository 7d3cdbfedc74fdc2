// Preloaded into a test server (NODE_OPTIONS=--require) to observe the password hashing work:
// every argon2 verification appends one line to the file named by ARGON2_PROBE_FILE, before the
// verification runs, so a test reading the file after the HTTP answer sees every call. The line
// holds the hash's algorithm and cost parameters only (never the salt, digest or password).
'use strict';
const { appendFileSync } = require('node:fs');
const argon2 = require('argon2');

const file = process.env.ARGON2_PROBE_FILE;
if (!file) throw new Error('argon2-probe: set ARGON2_PROBE_FILE to the file to write to');

const verify = argon2.verify;
argon2.verify = function probedVerify(digest, ...rest) {
  const parameters = String(digest).split('$').slice(1, 4).join('$');
  appendFileSync(file, `verify $${parameters}\n`);
  return verify.call(this, digest, ...rest);
};

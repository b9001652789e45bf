'use strict';
// Shared helpers for the npm comparison scripts: the filters under test and a runner for
// `smpolicy check`.
const fs = require('fs');
const { spawnSync } = require('child_process');

function filters() {
  const o = require('obscenity');
  const obscenity = new o.RegExpMatcher({ ...o.englishDataset.build(), ...o.englishRecommendedTransformers });
  const { profanity } = require('@2toad/profanity');
  const { Filter } = require('bad-words');
  const badWords = new Filter();
  const leo = require('leo-profanity');
  const { SyncRedactor } = require('redact-pii');
  const redactor = new SyncRedactor();
  return {
    obscenity: { find: (t) => obscenity.getAllMatches(t), flag: (t) => obscenity.hasMatch(t) },
    '@2toad/profanity': { find: (t) => profanity.censor(t), flag: (t) => profanity.exists(t) },
    // bad-words throws on a few inputs made only of non-word characters; count those as clean.
    'bad-words': { find: (t) => safe(() => badWords.clean(t)), flag: (t) => safe(() => badWords.isProfane(t)) },
    'leo-profanity': { find: (t) => leo.clean(t), flag: (t) => leo.check(t) },
    'redact-pii': { find: (t) => redactor.redact(t) },
  };
}
function safe(f) { try { return f(); } catch { return false; } }

// Runs `smpolicy check` on a JSON-lines file. Returns {status: 'not_built'|'failed'|'ok', ...}.
function runCheck(bin, args, stdoutPath) {
  const out = fs.openSync(stdoutPath, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin, ['check', ...args], { stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 28 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(out);
  const stderr = r.stderr ? r.stderr.toString() : '';
  if (r.error && r.error.code === 'ENOENT') return { status: 'not_built', secs };
  if (r.error) return { status: 'failed', message: String(r.error), secs };
  if (/not built yet/.test(stderr)) return { status: 'not_built', secs };
  // check exits 0 (all allowed), 2 (some input bad), 3 (something needs permission) or
  // 4 (a breach found); 1 means it could not run.
  if (r.status === null || r.status === 1 || r.status > 4) {
    return { status: 'failed', message: `exit ${r.status}: ${stderr.split('\n').slice(0, 5).join('\n')}`, secs };
  }
  return { status: 'ok', code: r.status, stderr, secs };
}

module.exports = { filters, runCheck };

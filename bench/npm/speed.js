'use strict';
// Throughput of npm text filters and of `smpolicy check` on the same corpus.
// Usage: node speed.js CORPUS.jsonl ROSTER.csv SMPOLICY_BIN OUT_DIR
const fs = require('fs');
const path = require('path');
const { filters, runCheck } = require('./common.js');

const [corpusPath, rosterPath, bin, outDir] = process.argv.slice(2);
const texts = fs.readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const MB = 1e6;
const budget = Number(process.env.BENCH_SECONDS || 3);  // seconds of each of a library's two timed stretches

const rows = [];
const libs = filters();
// Whole passes over the corpus until `budget` seconds are spent (a slow library stops
// mid-pass): the MB/s and what was timed.
function timed(find) {
  let done = 0, i = 0;
  const t0 = process.hrtime.bigint();
  let secs = 0;
  for (;;) {
    find(texts[i]);
    done += Buffer.byteLength(texts[i]);
    i = (i + 1) % texts.length;
    if ((i & 63) === 0 || i === 0) {
      secs = Number(process.hrtime.bigint() - t0) / 1e9;
      if (secs >= budget && done >= Math.min(bytes, 256 * 1024)) break;
    }
  }
  return { mbps: done / MB / secs, note: `${(done / MB).toFixed(1)} MB in ${secs.toFixed(2)} s` };
}
for (const name of ['obscenity', '@2toad/profanity', 'redact-pii']) {
  const find = libs[name].find;
  for (let i = 0; i < Math.min(300, texts.length); i++) find(texts[i]);  // warm up the JIT
  // Best of two stretches, as smpolicy gets the best of two runs below.
  const a = timed(find), b = timed(find);
  const best = a.mbps >= b.mbps ? a : b;
  rows.push({ name, mbps: best.mbps, note: `best of 2: ${best.note} (the other ${(a.mbps >= b.mbps ? b : a).mbps.toFixed(2)} MB/s)` });
}

// smpolicy on one thread (like the filters, each a single JavaScript thread) and on every
// core (`--threads`, default one per core). Like the filters, each timed for the best of two
// stretches of BENCH_SECONDS after loading and warming up, smpolicy is timed on that much work:
// the corpus repeated until a run takes the budget, best of two runs, less the start-up,
// which is timed on the corpus's first post alone. The corpus run once (best of three,
// start-up included) is printed too.
let longCorpus = null;  // {path, copies}: made once, from the first (one-thread) run's time
function repeated(secs) {
  if (longCorpus) return longCorpus;
  const copies = Math.max(1, Math.ceil(budget / Math.max(secs, 1e-3)));
  const text = fs.readFileSync(corpusPath);
  const longPath = path.join(outDir, 'corpus-repeated.jsonl');
  const fd = fs.openSync(longPath, 'w');
  for (let k = 0; k < copies; k++) fs.writeSync(fd, text);
  fs.closeSync(fd);
  longCorpus = { path: longPath, copies };
  return longCorpus;
}
function measure(threads) {
  const args = (file) => ['--policy', 'salterlee-2017', '--roster', rosterPath, '--jsonl', file, '--json', '--threads', String(threads)];
  const first = runCheck(bin, args(corpusPath), '/dev/null');
  if (first.status === 'not_built') return { name: 'smpolicy check', skipped: 'smpolicy check not built' };
  if (first.status === 'failed') return { name: 'smpolicy check', skipped: `smpolicy check failed: ${first.message}` };
  let best = first.secs;
  for (let k = 0; k < 2; k++) best = Math.min(best, runCheck(bin, args(corpusPath), '/dev/null').secs);
  const onePath = path.join(outDir, 'one-post.jsonl');
  fs.writeFileSync(onePath, fs.readFileSync(corpusPath, 'utf8').split('\n')[0] + '\n');
  let start = Infinity;
  for (let k = 0; k < 3; k++) start = Math.min(start, runCheck(bin, args(onePath), '/dev/null').secs);
  const long = repeated(best - start);
  let longBest = Infinity;
  for (let k = 0; k < 2; k++) longBest = Math.min(longBest, runCheck(bin, args(long.path), '/dev/null').secs);
  const steady = Math.max(longBest - start, 1e-3);
  const out = { name: `smpolicy, ${threads} thread${threads > 1 ? 's' : ''}`, threads, mbps: long.copies * bytes / MB / steady,
                whole_mbps: bytes / MB / best,
                note: `corpus x${long.copies}: best of 2 runs ${longBest.toFixed(2)} s less start-up ${start.toFixed(2)} s (a one-post run); ` +
                      `the corpus once, whole runs: ${(bytes / MB / best).toFixed(2)} MB/s (${best.toFixed(2)} s)` };
  if (first.code === 2) out.note += '; exit 2, some input lines rejected';
  return out;
}
const cores = require('os').availableParallelism ? require('os').availableParallelism() : require('os').cpus().length;
const smps = [measure(1)];
if (cores > 1 && smps[0].mbps) smps.push(measure(cores));

console.log(`Speed: ${texts.length} posts of up to 280 characters, ${(bytes / MB).toFixed(2)} MB of text; each filter on one thread (node ${process.version})`);
const fmt = (x) => x.toFixed(2).padStart(9);
const ran = smps.filter((m) => m.mbps);
console.log(`${'tool'.padEnd(22)}${'MB/s'.padStart(9)}${ran.map((m) => `  ${('x, ' + m.threads + ' thr').padStart(10)}`).join('')}  measured`);
for (const r of rows) {
  const ratios = ran.map((m) => `  ${(m.mbps / r.mbps).toFixed(2).padStart(9)}x`).join('');
  console.log(`${r.name.padEnd(22)}${fmt(r.mbps)}${ratios}  ${r.note}`);
}
for (const m of smps) {
  if (m.mbps) console.log(`${m.name.padEnd(22)}${fmt(m.mbps)}${ran.map(() => ''.padStart(12)).join('')}  ${m.note}`);
  else console.log(m.skipped);
}
fs.writeFileSync(path.join(outDir, 'speed.json'), JSON.stringify({ posts: texts.length, bytes, tools: [...rows, ...smps] }, null, 2) + '\n');

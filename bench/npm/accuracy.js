'use strict';
// Offensive-tweets accuracy: "hate or offensive" (class 0 or 1) against "neither" (class 2),
// for npm filters and for `smpolicy check` (positive when its verdict has a language.* finding).
// Usage: node accuracy.js LABELED_DATA.csv SMPOLICY_BIN OUT_DIR
const fs = require('fs');
const path = require('path');
const { parseCsv } = require('./csv.js');
const { filters, runCheck } = require('./common.js');

const [csvPath, bin, outDir] = process.argv.slice(2);
const rows = parseCsv(fs.readFileSync(csvPath, 'utf8'));
const header = rows[0];
const ci = header.indexOf('class'), ti = header.indexOf('tweet');
const data = rows.slice(1).filter((r) => r.length === header.length);
const truth = data.map((r) => r[ci] !== '2');

function score(pred) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  pred.forEach((p, i) => { if (p && truth[i]) tp++; else if (p) fp++; else if (truth[i]) fn++; else tn++; });
  const precision = tp / (tp + fp || 1), recall = tp / (tp + fn || 1);
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, tn, precision, recall, f1 };
}

const results = [];
const libs = filters();
for (const name of ['obscenity', 'bad-words', 'leo-profanity', '@2toad/profanity']) {
  results.push({ name, ...score(data.map((r) => Boolean(libs[name].flag(r[ti])))) });
}

// smpolicy: one {"id","text"} line per tweet.
const jsonl = path.join(outDir, 'tweets.jsonl');
fs.writeFileSync(jsonl, data.map((r, i) => JSON.stringify({ id: `t${i}`, text: r[ti] })).join('\n') + '\n');
const verdicts = path.join(outDir, 'tweets-verdicts.jsonl');
const run = runCheck(bin, ['--policy', 'salterlee-2017', '--jsonl', jsonl, '--json'], verdicts);
let note = '';
if (run.status === 'ok') {
  const positive = new Set();
  let seen = 0;
  const isLanguage = (k) => typeof k === 'string' && k.startsWith('language.');
  for (const line of fs.readFileSync(verdicts, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let v;
    try { v = JSON.parse(line); } catch { continue; }
    if (v.id === undefined) continue;
    seen++;
    let hit = false;
    for (const f of v.findings || []) {
      const ev = Array.isArray(f.evidence) ? f.evidence : [f.evidence];
      if (ev.some((e) => e && isLanguage(e.kind))) hit = true;
    }
    for (const d of v.detected || []) if (d && isLanguage(d.kind)) hit = true;
    if (hit) positive.add(String(v.id));
  }
  results.push({ name: 'smpolicy check', ...score(data.map((_, i) => positive.has(`t${i}`))) });
  if (seen !== data.length) note = `smpolicy returned ${seen} verdicts for ${data.length} tweets (missing ones count as negative)`;
  if (run.code === 2) note += `${note ? '; ' : ''}exit 2: ${run.stderr.split('\n')[0]}`;
} else {
  note = run.status === 'not_built' ? 'smpolicy check not built' : `smpolicy check failed: ${run.message}`;
}

const pos = truth.filter(Boolean).length;
console.log(`Accuracy: ${data.length} labelled tweets, ${pos} hate or offensive, ${data.length - pos} neither`);
console.log(`${'tool'.padEnd(20)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'F1'.padStart(7)}`);
for (const r of results) {
  console.log(`${r.name.padEnd(20)}${r.precision.toFixed(3).padStart(10)}${r.recall.toFixed(3).padStart(8)}${r.f1.toFixed(3).padStart(7)}`);
}
if (note) console.log(note);
fs.writeFileSync(path.join(outDir, 'accuracy.json'), JSON.stringify({ rows: data.length, results, note }, null, 2) + '\n');

'use strict';
// Deterministic benchmark inputs for bench/npm_compare.sh:
//   OUT/corpus.jsonl  {"id","text"} lines, each text an English post of up to 280 characters
//   OUT/roster.csv    a 2,000-person roster (pupils, staff, parents, governors)
// Usage: node gen_corpus.js OUT_DIR [POSTS]   (default 20000 posts). Same output every run.
const fs = require('fs');
const path = require('path');

const outDir = process.argv[2];
const posts = Number(process.argv[3] || 20000);
if (!outDir) { console.error('usage: node gen_corpus.js OUT_DIR [POSTS]'); process.exit(1); }
fs.mkdirSync(outDir, { recursive: true });

// mulberry32: a small seeded PRNG, so the corpus is the same on every machine.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20260303);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

const given = ['Oliver', 'George', 'Noah', 'Arthur', 'Muhammad', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry',
  'Theodore', 'Freddie', 'Jack', 'Charlie', 'Theo', 'Alfie', 'Jacob', 'Thomas', 'Finley', 'Arlo', 'William',
  'Lucas', 'Isaac', 'Teddy', 'Alexander', 'Edward', 'James', 'Joshua', 'Max', 'Reuben', 'Mason', 'Rory',
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Ivy', 'Freya', 'Lily', 'Florence', 'Mia', 'Willow', 'Rosie', 'Sophia',
  'Isabella', 'Grace', 'Daisy', 'Sienna', 'Poppy', 'Elsie', 'Emily', 'Ella', 'Evelyn', 'Phoebe', 'Sofia',
  'Evie', 'Charlotte', 'Harper', 'Millie', 'Matilda', 'Maya', 'Alice', 'Ruby', 'Aisha', 'Zainab', 'Kasia',
  'Sarah', 'Emma', 'Claire', 'Rebecca', 'Helen', 'David', 'John', 'Michael', 'Paul', 'Andrew', 'Mark',
  'Richard', 'Peter', 'Stephen', 'Katherine', 'Elizabeth', 'Margaret', 'Robert', 'Priya', 'Sanjay'];
const family = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel',
  'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson',
  'Clarke', 'Khan', 'Hussain', 'Ahmed', 'Ali', 'Okafor', 'Mensah', 'Nowak', 'Kowalski', 'Murphy', 'Kelly',
  'Hughes', 'Edwards', 'Turner', 'Hill', 'Moore', 'Cooper', 'Ward', 'Morris', 'King', 'Baker', 'Shaw',
  'Bennett', 'Hart', 'Lowe', 'Begum', 'Singh', 'Kaur', 'Chen', 'Nguyen'];

// ---- roster ----
const roster = [];
const rosterCsv = ['id,role,given_name,family_name,preferred_name,date_of_birth,email,phone,year_group,left_on,restricted,photo_consent'];
const consents = ['print;website;social', 'print;website', 'print', 'none', ''];
for (let i = 0; i < 2000; i++) {
  const g = pick(given), f = pick(family);
  let role, id, extra;
  if (i < 1500) {
    role = 'pupil'; id = `pupil:${10000 + i}`;
    const year = 1 + Math.floor(rand() * 6);
    const dob = `${2019 - year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    extra = ['', dob, '', '', String(year), '', rand() < 0.02 ? 'true' : 'false', pick(consents)];
  } else if (i < 1650) {
    role = 'staff'; id = `staff:${g[0].toLowerCase()}${f.toLowerCase()}${i}`;
    extra = ['', '', `${g[0].toLowerCase()}.${f.toLowerCase()}${i}@salterlee.sch.uk`, '', '', '', 'false', ''];
  } else if (i < 1950) {
    role = 'parent'; id = `parent:${20000 + i}`;
    extra = ['', '', '', `07700 9${digits(5)}`, '', '', 'false', ''];
  } else {
    role = 'governor'; id = `governor:${30000 + i}`;
    extra = ['', '', '', '', '', '', 'false', ''];
  }
  roster.push({ g, f, role });
  rosterCsv.push([id, role, g, f, ...extra].join(','));
}
fs.writeFileSync(path.join(outDir, 'roster.csv'), rosterCsv.join('\n') + '\n');

// ---- posts ----
const person = () => { const p = pick(roster); return rand() < 0.5 ? p.g : `${p.g} ${p.f}`; };
const benign = [
  () => `What a brilliant sports day! ${person()} won the sack race and Year 4 cheered everyone on.`,
  () => `Our Year 6 trip to the science museum was a huge success, thank you to all the parents who helped.`,
  () => `Reading challenge update: ${person()} has finished twelve books this term. So proud of them all!`,
  () => `Harvest festival collection for the food bank starts Monday; tins and packets to the school office please.`,
  () => `Class 3 planted sunflowers and measured them every week. Maths and science in one lesson!`,
  () => `Lovely assembly about kindness this morning, led by ${person()} and the school council.`,
  () => `Reminder: parents evening is on Thursday from 3:30pm. Book your slot with the school office.`,
  () => `Great to see so many families at the summer fair. The cake stall raised over three hundred pounds.`,
  () => `World Book Day costumes were amazing this year, from the Gruffalo to Matilda and Mr Twit.`,
  () => `Year 2 learnt about the Great Fire of London and built Tudor houses out of cardboard boxes.`,
  () => `The choir sang beautifully at the care home today; the residents asked us to come back at Christmas.`,
  () => `Football team through to the county final after a 3-2 win. Well done ${person()} for the late goal!`,
  () => `Forest school: den building, mud kitchen and a hunt for minibeasts under the logs.`,
  () => `New library books have arrived, thanks to the PTA. Pupils can borrow them from next week.`,
  () => `Exhausted after a week of mock exams and marking, but the results show real progress.`,
];
const rude = [
  () => `Honestly what a shit week, the photocopier broke again and nobody fixed the bloody thing.`,
  () => `Some parents are absolute idiots, parking on the zigzags every single morning. Fuming.`,
  () => `Can't believe the fucking traffic this morning, forty minutes to get to school.`,
  () => `${person()} you're useless, stop posting rubbish about our team.`,
  () => `Sod this, I'm off to the pub. What a load of crap from the council today.`,
  () => `Whoever nicked my mug from the staffroom is a total twat.`,
];
const pii = [
  () => `Lost property: a blue coat with ${person()} on the label. Call the office on 01632 ${digits(6)} to collect.`,
  () => `Anyone selling a school jumper age 7-8? Message me or ring 07700 ${digits(6)}. Thanks!`,
  () => `For tickets email ${pick(given).toLowerCase()}.${pick(family).toLowerCase()}@example.com or pop into the office.`,
  () => `Birthday party for ${person()} on Saturday, RSVP to ${pick(given).toLowerCase()}${digits(2)}@example.org please.`,
  () => `Lift share to the match: meet at 12 Mill Lane, SL4 ${digits(1)}AB, or text 07700 900${digits(3)}.`,
];
const filler = [
  'Have a lovely weekend everyone.', 'Thank you for your support.', 'More photos on the website soon.',
  'Well done to all involved.', 'See you all on Monday.', 'What a week it has been!', 'Proud of you all.',
];
const lines = [];
let bytes = 0;
for (let i = 0; i < posts; i++) {
  const r = rand();
  const first = r < 0.65 ? pick(benign) : r < 0.82 ? pick(rude) : pick(pii);
  let text = first();
  while (text.length < 280) text += ' ' + (rand() < 0.5 ? pick(benign)() : pick(filler));
  // Cut to at most 280 characters at a word boundary, so no word is cut into another word
  // ("assembly" into "ass").
  text = text.slice(0, 281);
  text = text.slice(0, text.length > 280 ? text.lastIndexOf(' ') : 280).trimEnd();
  bytes += Buffer.byteLength(text);
  lines.push(JSON.stringify({ id: `p${i + 1}`, text }));
}
fs.writeFileSync(path.join(outDir, 'corpus.jsonl'), lines.join('\n') + '\n');
console.log(`wrote ${posts} posts of ${Math.round(bytes / posts)} characters on average (${(bytes / 1e6).toFixed(2)} MB of text) and a 2000-person roster to ${outDir}`);

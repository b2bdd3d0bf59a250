// `npm run accuracy`: the accuracy table, ISO/IEC 30107-3 style, from end-to-end checks: the built element
// (dist/) in headless Chromium whose fake camera plays each clip (640×480, 15 fps, looping), in server mode with
// a challenge from createChallenge, and each token the browser issues verified by verifyToken with the server's
// own analysis. BPCER per action from genuine clips asked for an action they contain; APCER per attack class from
// photo attacks (scripts/make-photo-attacks.mjs), the phone-and-print clip, and "no action" impostors (a live
// person asked for an action the clip does not contain). Writes test/data/accuracy-e2e.md and prints it.
// A measurement, not a test: it runs a few minutes and its figures depend on the machine's load.
//   node scripts/accuracy-e2e.mjs [--runs N] [--only genuine|impostor|attack]
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createAnalyzer, createChallenge, MemoryNonceStore, verifyToken } from '../dist/server.js';
import { checkInPage, withFakeCamera } from './lib/element-run.mjs';
import { makePhotoAttacks, PHOTO_ATTACK_DIR, photoAttackNames } from './make-photo-attacks.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RUNS = Number(option('--runs', '1'));
const ONLY = option('--only', null);
const ACTIONS = ['blink', 'mouth-open', 'turn-left', 'turn-right', 'nod'];
/** Seconds per action: the element's default for genuine checks; shorter for attacks and impostors (a refusal is a timeout). */
const GENUINE_TIMEOUT = 15;
const ATTACK_TIMEOUT = 8;

/** Genuine presentations: [action, clip (see fakeCameraArgs), what the clip shows (test/labels)]. */
const GENUINE = [
  ['blink', 'blink-man-glasses.mp4', 'man with glasses, 14 closures in 19.6 s'],
  ['blink', 'blink-man-glasses2.mp4', 'talking, one blink in 3 s'],
  ['blink', 'blink-twice-man.mp4', 'talking, blinks at 1.0 and 1.7 s of 3 s'],
  ['blink', 'blink-slow-man.mp4', 'one slow double closure in 3 s'],
  ['blink', 'blink-wink-woman.mp4', 'quick and slow blinks among two winks'],
  ['blink', 'still-man.mp4', 'one blink at the start of each 5.3 s loop'],
  ['blink', 'head-move-nod-man.mp4', 'talking, head moving, one blink at 10.6 s'],
  ['blink', 'elderly-woman-talking-glasses.mp4', 'elderly woman talking, a double blink in 4.9 s'],
  ['blink', 'elderly-man-talking.mp4', 'elderly man talking, one 0.1 s blink of drooping lids in 8 s'],
  ['mouth-open', 'mouth-open-man.mp4', 'two wide "O"s at 11.2 and 13.3 s'],
  ['mouth-open', 'mouth-open-head-move-man.mp4', 'wide openings at 4.6 and 6.5 s, head moving'],
  ['mouth-open', 'talking-no-action-man.mp4@14s', 'held wide openings at 15.4 and 17.7 s'],
  ['turn-left', 'head-turn-woman.mp4', 'turns left and right all the time, ~40° to her left'],
  ['turn-right', 'head-turn-woman.mp4', 'the same, ~60° to her right'],
  ['turn-left', 'mouth-open-head-move-man.mp4', 'turns to his left ~25° at 1.2 and 6.4 s'],
];

/** Live people asked for an action their clip does not contain within the check's time ("no action"). */
const IMPOSTOR = [
  ['blink', 'mouth-open-man.mp4', 'no blink in 15 s'],
  ['mouth-open', 'talking-no-action-man.mp4', 'talking, no held opening before 15 s'],
  ['mouth-open', 'elderly-man-talking.mp4', 'talking all the time'],
  ['mouth-open', 'blink-man-glasses.mp4', 'two openings of 3–4 frames, not held'],
  ['mouth-open', 'still-man.mp4', 'mouth closed'],
  ['turn-left', 'still-man.mp4', 'still'],
  ['turn-right', 'still-man.mp4', 'still'],
  ['nod', 'still-man.mp4', 'still'],
  ['turn-left', 'talking-no-action-man.mp4', 'talking, no turn before 20 s'],
  ['turn-right', 'talking-no-action-man.mp4', 'talking, no turn before 20 s'],
  ['nod', 'talking-no-action-man.mp4', 'talking, no nod'],
  ['turn-left', 'blink-man-glasses.mp4', 'no turn'],
  ['turn-right', 'blink-man-glasses.mp4', 'no turn'],
  ['turn-left', 'elderly-man-talking.mp4', 'elderly man talking, one quick turn to his right only'],
  ['mouth-open', 'head-turn-woman.mp4', 'turning, mouth closed'],
  ['nod', 'head-turn-woman.mp4', 'turning, no nod'],
];

/** Attack clips, each asked for every action. */
function attacks() {
  makePhotoAttacks();
  return [
    ...photoAttackNames().map((name) => ({ kind: 'photo held up (print moved: slid, tilted, rotated)', clip: join(PHOTO_ATTACK_DIR, name) })),
    { kind: 'phone screen and print (spoof-phone-and-print-tiny, attacks only)', clip: 'spoof-phone-and-print-tiny.mp4@1.1s' },
  ];
}

const secret = randomBytes(32).toString('base64url');
const analyzer = await createAnalyzer();
const results = [];

/** Runs the checks of one clip in one browser (its fake camera plays the clip); each is verified by the server. */
async function runClip(clip, checks) {
  await withFakeCamera(clip, async (page) => {
    for (const check of checks) {
      for (let run = 0; run < RUNS; run++) {
        const challenge = createChallenge({ secret, actions: [check.action], count: 1, ttlSeconds: 600 });
        const outcome = await page.evaluate(checkInPage, { attributes: { 'action-timeout': String(check.timeout) }, challenge, seconds: check.timeout + 60 });
        const verdict = outcome.token ? await verifyToken(outcome.token, { secret, analyzer, store: new MemoryNonceStore() }) : null;
        const result = {
          ...check, clip: basename(clip), run,
          browser: outcome.outcome === 'success', reason: outcome.reason ?? outcome.outcome,
          server: verdict?.success ?? false, serverErrors: verdict?.errorCodes ?? [],
          seconds: Math.round(outcome.ms / 100) / 10,
        };
        results.push(result);
        const server = verdict ? (verdict.success ? 'server: accepted' : `server: ${verdict.errorCodes.join(', ')}`) : '';
        console.error(`${check.set} ${check.action} ${basename(clip)}: ${result.browser ? 'passed' : result.reason} ${server} (${result.seconds} s)`);
      }
    }
  });
}

const byClip = new Map();
const add = (clip, check) => byClip.set(clip, [...(byClip.get(clip) ?? []), check]);
if (!ONLY || ONLY === 'genuine') for (const [action, clip, shows] of GENUINE) add(clip, { set: 'genuine', kind: 'genuine', action, shows, timeout: GENUINE_TIMEOUT });
if (!ONLY || ONLY === 'impostor') for (const [action, clip, shows] of IMPOSTOR) add(clip, { set: 'impostor', kind: 'no action (a live person asked for what the clip does not show)', action, shows, timeout: ATTACK_TIMEOUT });
if (!ONLY || ONLY === 'attack') for (const { kind, clip } of attacks()) for (const action of ACTIONS) add(clip, { set: 'attack', kind, action, shows: kind, timeout: ATTACK_TIMEOUT });
const started = Date.now();
for (const [clip, checks] of byClip) await runClip(clip, checks);
await analyzer.close?.();

const rate = (part, all) => (all ? `${((100 * part) / all).toFixed(0)} % (${part}/${all})` : '—');
const lines = [
  '# Accuracy end to end (ISO/IEC 30107-3 style)',
  '',
  `Generated by \`npm run accuracy\` (scripts/accuracy-e2e.mjs) on ${new Date().toISOString().slice(0, 10)}: ${results.length} checks in ${Math.round((Date.now() - started) / 60000)} min.`,
  'Each check: the built element in headless Chromium, its fake camera playing the clip (640×480, 15 fps, looping),',
  `server mode, one action asked; a token it issues is verified by \`verifyToken\` with the server's analysis. Genuine`,
  `checks get ${GENUINE_TIMEOUT} s for the action (the default), attacks and impostors ${ATTACK_TIMEOUT} s.`,
  '',
  '## BPCER (genuine checks refused), per action',
  '',
  '| action | checks | refused by the browser | refused end to end (browser or server) |',
  '|---|---|---|---|',
];
for (const action of ACTIONS) {
  const rows = results.filter((r) => r.set === 'genuine' && r.action === action);
  lines.push(`| ${action} | ${rows.length} | ${rate(rows.filter((r) => !r.browser).length, rows.length)} | ${rate(rows.filter((r) => !r.server).length, rows.length)} |`);
}
lines.push('', '## APCER (attacks accepted), per attack class and action', '', '| attack class | action | attempts | accepted by the browser | accepted end to end (browser and server) |', '|---|---|---|---|---|');
for (const kind of [...new Set(results.filter((r) => r.set !== 'genuine').map((r) => r.kind))]) {
  for (const action of ACTIONS) {
    const rows = results.filter((r) => r.kind === kind && r.action === action);
    if (rows.length) lines.push(`| ${kind} | ${action} | ${rows.length} | ${rate(rows.filter((r) => r.browser).length, rows.length)} | ${rate(rows.filter((r) => r.server).length, rows.length)} |`);
  }
}
lines.push('', '## Every check', '', '| set | action | clip | what it shows | browser | server | s |', '|---|---|---|---|---|---|---|');
for (const r of results) {
  lines.push(`| ${r.set} | ${r.action} | ${r.clip} | ${r.shows} | ${r.browser ? 'passed' : r.reason} | ${r.browser ? (r.server ? 'accepted' : r.serverErrors.join(', ')) : ''} | ${r.seconds} |`);
}
const text = `${lines.join('\n')}\n`;
if (!ONLY) writeFileSync('test/data/accuracy-e2e.md', text);
console.log(text);
process.exit(0);

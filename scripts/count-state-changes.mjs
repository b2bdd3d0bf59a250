// Counts how often the check's state flips on borderline clips, through the built element with Chromium's
// fake camera playing the clip: progress phase changes (positioning ⇄ baseline above all) and the guide's
// dashed/solid changes (`guide-ok`), over a fixed time. The check asks for a nod with a long action time, so
// that a check that gets placed stays in its action (nothing to flip any more) until the time is up.
//   node scripts/count-state-changes.mjs [--root DIR] [--seconds 25] [--clips a.mp4,b.mp4]
// `--root` serves another checkout's dist/ (e.g. a worktree of an earlier commit, built), to compare.
// A measurement, not a test: its figures go into notes, never into pass/fail.
import { resolve } from 'node:path';
import { checkInPage, withFakeCamera } from './lib/element-run.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const root = resolve(option('--root', '.'));
const seconds = Number(option('--seconds', '25'));
const clips = option('--clips', 'still-man.mp4,head-turn-woman.mp4,elderly-man-talking.mp4,talking-no-action-man.mp4').split(',');

/** Changes between consecutive entries for which `changed(a, b)` holds. */
const changes = (entries, changed) => entries.slice(1).filter((entry, i) => changed(entries[i], entry)).length;

console.log(`dist: ${root}/dist, ${seconds} s per clip, action nod (action-timeout 120 s)`);
console.log('| clip | phase changes | positioning ⇄ baseline | guide flips | first action at | prompts shown (times) | end |');
console.log('|---|---|---|---|---|---|---|');
for (const clip of clips) {
  const run = await withFakeCamera(clip, (page) => page.evaluate(checkInPage, { attributes: { actions: 'nod', 'action-count': '1', 'action-timeout': '120' }, seconds }), { root });
  const { phases, guide, prompts } = run.log;
  const placing = new Set(['positioning', 'baseline']);
  const flips = changes(phases, (a, b) => placing.has(a.phase) && placing.has(b.phase) && a.phase !== b.phase);
  const action = phases.find((p) => p.phase === 'action');
  const shown = new Map();
  for (const { text } of prompts) if (text) shown.set(text, (shown.get(text) ?? 0) + 1);
  const promptList = [...shown].map(([text, n]) => `${text} (${n})`).join('; ');
  const end = run.outcome === 'time' ? `still ${phases.at(-1)?.phase ?? 'starting'}` : `${run.outcome}${run.reason ? ` ${run.reason}` : ''}`;
  console.log(`| ${clip} | ${Math.max(0, phases.length - 1)} | ${flips} | ${Math.max(0, guide.length - 1)} | ${action ? `${(action.t / 1000).toFixed(1)} s` : 'never'} | ${promptList} | ${end} |`);
}

// Reads V8 .cpuprofile files (JSON) and prints the functions with the most self time, summed
// over all given profiles: `node scripts/bench/cpuprofile-top.mjs /tmp/prof/*.cpuprofile [count]`.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const count = /^\d+$/.test(args.at(-1) ?? '') ? Number(args.pop()) : 30;
const selfMs = new Map();
let totalMs = 0;
for (const file of args) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // timeDeltas[i] is the time before samples[i] was taken: charge it to that sample's node.
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
    totalMs += ms;
  }
}
const rows = [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, count);
for (const [key, ms] of rows) console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${key}`);
console.log(`${totalMs.toFixed(0).padStart(8)} ms total`);

// A/B of the first call's phases (bench/compile.mjs) over Wasm build variants: each run is a
// fresh Node process (nothing compiled yet), the variants taking turns so that a busy machine
// slows each alike.
//   node bench/compile-ab.mjs [--runs N] [--node-flag F]… VARIANT_DIR…
// Prints per variant the median [min–max] of each phase and the median of the per-round ratios
// of the first `analyze` to the first variant's (the robust number to read).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile, fmt } from './common.mjs';

const args = process.argv.slice(2);
let runs = 9;
const flags = [];
const variants = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--node-flag') flags.push(args[++i]);
  else variants.push(args[i]);
}
if (!variants.length || !(runs > 0)) throw new Error('usage: node bench/compile-ab.mjs [--runs N] [--node-flag F]… VARIANT_DIR…');

const script = fileURLToPath(new URL('./compile.mjs', import.meta.url));
const phases = ['compile', 'instantiate', 'first analyze', 'second'];
const results = variants.map(() => []);
for (let r = 0; r < runs; r++) {
  variants.forEach((v, i) => {
    const line = execFileSync(process.execPath, [...flags, script, v], { encoding: 'utf8' });
    const row = {};
    for (const p of phases) {
      const m = new RegExp(`${p} ([0-9.]+) ms`).exec(line);
      if (!m) throw new Error(`no "${p}" in: ${line}`);
      row[p] = Number(m[1]);
    }
    results[i].push(row);
  });
}
console.log(`first call's phases, ${runs} fresh processes each (median [min–max] ms; ratio: median of per-round ratios to the first variant)`);
console.log(`| variant | ${phases.join(' | ')} | first analyze ratio |\n| --- |${' ---: |'.repeat(phases.length + 1)}`);
results.forEach((rs, i) => {
  const cols = phases.map((p) => {
    const xs = rs.map((r) => r[p]).sort((a, b) => a - b);
    return `${fmt(percentile(xs, 50))} [${fmt(xs[0])}–${fmt(xs[xs.length - 1])}]`;
  });
  const q = rs.map((r, k) => r['first analyze'] / results[0][k]['first analyze']).sort((a, b) => a - b);
  console.log(`| ${variants[i]} | ${cols.join(' | ')} | ${fmt(percentile(q, 50), 3)} |`);
});

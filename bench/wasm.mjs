// Node: the newsmark Wasm module beside compromise on the same texts.
//   node bench/wasm.mjs ../shared/data/polnear/dev/text [--quick]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';
import { loadTexts, typicalArticle, percentile, fmt, goalLine } from './common.mjs';
import { passPair, compromiseAll } from './timing.mjs';
import * as newsmark from '../www/pkg/newsmark.js';

const dir = process.argv[2];
const quick = process.argv.includes('--quick');
const minMs = quick ? 300 : 1000;
const rounds = quick ? 3 : 7;
const texts = loadTexts(dir);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const wasm = newsmark.initSync({
  module: readFileSync(new URL('../www/pkg/newsmark_bg.wasm', import.meta.url)),
});

const pair = passPair(
  () => texts.forEach((t) => newsmark.analyze(t)),
  () => texts.forEach((t) => compromiseAll(nlp, t)),
  rounds,
  minMs,
);
const { ours, theirs } = pair;
const mb = bytes / 1e6;
console.log(`\n## Wasm in Node ${process.version} (\`cargo xtask bench\`, bench/wasm.mjs)\n`);
console.log(`${texts.length} PolNeAR dev texts, ${fmt(mb, 2)} MB, same texts for both.\n`);
console.log('| library | MB/s | ms per text | ratio |\n| --- | ---: | ---: | ---: |');
console.log(`| newsmark \`analyze\` (clean + entities + quotes) | ${fmt(mb / ours, 2)} | ${fmt((ours * 1e3) / texts.length, 2)} | ${fmt(pair.ratio)}× |`);
console.log(`| compromise 14.17 people/places/organizations/quotations | ${fmt(mb / theirs, 2)} | ${fmt((theirs * 1e3) / texts.length, 2)} | 1× |`);
console.log(`\nThe two took ${rounds} alternating turns of at least ${minMs} ms each; times are the medians of the turns, the ratio the median of the per-round ratios (range ${fmt(pair.min)}–${fmt(pair.max)}×).`);

console.log(goalLine((theirs * 1e3) / texts.length));

const article = typicalArticle(texts);
const lat = [];
for (let i = 0; i < (quick ? 200 : 1000); i++) {
  const t0 = performance.now();
  newsmark.analyze(article);
  lat.push(performance.now() - t0);
}
lat.sort((a, b) => a - b);
console.log(`\n\`analyze\` on a ${Buffer.byteLength(article)}-byte article: p50 ${fmt(percentile(lat, 50), 2)} ms, p95 ${fmt(percentile(lat, 95), 2)} ms.`);

const memAfter = (n) => {
  for (let i = 0; i < n; i++) newsmark.analyze(article);
  return wasm.memory.buffer.byteLength;
};
const m100 = memAfter(100);
const calls = quick ? 1000 : 10000;
const mN = memAfter(calls - 100);
console.log(`Wasm memory after 100 calls: ${(m100 / 1048576).toFixed(1)} MiB; after ${calls} calls: ${(mN / 1048576).toFixed(1)} MiB (growth ${((mN - m100) / 1048576).toFixed(1)} MiB).`);

// A/B of Wasm variants (bench/variants.sh) in one Node process, interleaved so that a busy
// machine slows every variant alike; times are CPU time (process.cpuUsage), not wall time.
//   node bench/ab.mjs ../shared/data/polnear/dev/text target/variants/strip target/variants/O3 …
// Prints per variant: CPU ms per `analyze` of the ~5 KB article (p50, p10, min over batches of
// 10 calls), CPU ms for all dev texts and for a 1 MB article (min, median), the sizes and the
// median of the per-round ratios to the first variant (5 KB / dev texts / 1 MB).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadTexts, typicalArticle, percentile, fmt } from './common.mjs';

const [dir, ...variants] = process.argv.slice(2);
if (!dir || !variants.length) throw new Error('usage: node bench/ab.mjs TEXT_DIR VARIANT_DIR…');
const texts = loadTexts(dir);
const article = typicalArticle(texts);
let big = '';
while (big.length < 1 << 20) big += texts.join('\n\n');
const cpu = (f) => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const mods = [];
for (const v of variants) {
  const g = await import(pathToFileURL(resolve(v, 'newsmark.js')));
  const bytes = readFileSync(resolve(v, 'newsmark_bg.wasm'));
  g.initSync({ module: bytes });
  mods.push({ v, g, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, lat: [], dev: [], big: [] });
}
for (const m of mods) texts.forEach((t) => m.g.analyze(t));
for (let r = 0; r < 150; r++) for (const m of mods) m.lat.push(cpu(() => { for (let i = 0; i < 10; i++) m.g.analyze(article); }) / 10);
for (let r = 0; r < 6; r++) {
  for (const m of mods) {
    m.dev.push(cpu(() => texts.forEach((t) => m.g.analyze(t))));
    m.big.push(cpu(() => m.g.analyze(big)));
  }
}
// The robust numbers: per round, each variant's time over the first variant's (before sorting).
const ratio = (m, k) => {
  const q = m[k].map((x, i) => x / mods[0][k][i]).sort((a, b) => a - b);
  return fmt(percentile(q, 50), 3);
};
for (const m of mods) m.ratios = `${ratio(m, 'lat')} / ${ratio(m, 'dev')} / ${ratio(m, 'big')}`;
console.log(`| variant | 5 KB p50 | p10 | min | dev texts min / median | 1 MB min / median | raw | gzip | ratio to first (5 KB / dev / 1 MB) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (const m of mods) {
  for (const a of [m.lat, m.dev, m.big]) a.sort((x, y) => x - y);
  console.log(
    `| ${m.v} | ${fmt(percentile(m.lat, 50), 2)} | ${fmt(percentile(m.lat, 10), 2)} | ${fmt(m.lat[0], 2)} | ${fmt(m.dev[0], 0)} / ${fmt(percentile(m.dev, 50), 0)} | ` +
      `${fmt(m.big[0], 0)} / ${fmt(percentile(m.big, 50), 0)} | ${m.raw} | ${m.gz} | ${m.ratios} |`,
  );
}

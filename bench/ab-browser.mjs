// A/B of Wasm variants (built like bench/variants.sh or `cargo xtask wasm`, glue for
// `--target web`) in ONE headless-Chromium page, interleaved so that a drifting machine slows
// every variant alike: the browser twin of bench/ab.mjs.
//   node bench/ab-browser.mjs [--dev-rounds N] ../shared/data/polnear/dev/text OLD_DIR NEW_DIR …
// Prints per variant: wall ms per `analyze` of the ~5 KB article (p50, p10, min over batches
// of 10 calls, taking turns), ms for all dev texts (min, median of N passes, default 8, taking
// turns; more passes narrow the dev ratio, which moves by ~±3% between runs of 8) and
// the median ratio to the first variant of the per-round times (the robust number to read).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve, normalize, extname } from 'node:path';
import { chromium } from 'playwright-core';
import { loadTexts, typicalArticle, percentile, fmt } from './common.mjs';

const argv = process.argv.slice(2);
let devRounds = 8;
if (argv[0] === '--dev-rounds') {
  devRounds = Number(argv[1]);
  argv.splice(0, 2);
}
const [dir, ...variants] = argv;
if (!dir || !variants.length || !(devRounds > 0)) throw new Error('usage: node bench/ab-browser.mjs [--dev-rounds N] TEXT_DIR VARIANT_DIR…');
const texts = loadTexts(dir);
const article = typicalArticle(texts);

const page = `<!doctype html><meta charset="utf-8"><title>ab</title><script type="module">
  const n = ${variants.length};
  window.mods = [];
  for (let i = 0; i < n; i++) {
    const g = await import('/v' + i + '/newsmark.js');
    const bytes = await (await fetch('/v' + i + '/newsmark_bg.wasm')).arrayBuffer();
    g.initSync({ module: bytes });
    window.mods.push(g);
  }
  document.title = 'ready';
</script>`;
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const m = /^\/v(\d+)\/([\w.-]+)$/.exec(path);
  try {
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (!m || !variants[m[1]]) throw new Error('not found');
    const body = await readFile(join(resolve(variants[m[1]]), m[2]));
    res.writeHead(200, { 'content-type': types[extname(m[2])] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const p = await browser.newPage();
  await p.goto(`http://127.0.0.1:${server.address().port}/`);
  await p.waitForFunction(() => document.title === 'ready');
  const r = await p.evaluate(({ texts, article, devRounds }) => {
    const mods = window.mods;
    const out = mods.map(() => ({ lat: [], dev: [] }));
    for (const g of mods) texts.forEach((t) => g.analyze(t));
    for (let round = 0; round < 150; round++) {
      mods.forEach((g, i) => {
        const t0 = performance.now();
        for (let k = 0; k < 10; k++) g.analyze(article);
        out[i].lat.push((performance.now() - t0) / 10);
      });
    }
    for (let round = 0; round < devRounds; round++) {
      mods.forEach((g, i) => {
        const t0 = performance.now();
        texts.forEach((t) => g.analyze(t));
        out[i].dev.push(performance.now() - t0);
      });
    }
    return out;
  }, { texts, article, devRounds });
  const ratio = (xs, base) => {
    const q = xs.map((x, k) => x / base[k]).sort((a, b) => a - b);
    return percentile(q, 50);
  };
  console.log(`| variant | 5 KB p50 | p10 | min | dev texts min / median | ratio to first (5 KB / dev) |\n| --- | ---: | ---: | ---: | ---: | ---: |`);
  r.forEach((m, i) => {
    const rl = ratio(m.lat, r[0].lat);
    const rd = ratio(m.dev, r[0].dev);
    const lat = [...m.lat].sort((a, b) => a - b);
    const dev = [...m.dev].sort((a, b) => a - b);
    console.log(
      `| ${variants[i]} | ${fmt(percentile(lat, 50), 2)} | ${fmt(percentile(lat, 10), 2)} | ${fmt(lat[0], 2)} | ` +
        `${fmt(dev[0], 0)} / ${fmt(percentile(dev, 50), 0)} | ${fmt(rl, 3)} / ${fmt(rd, 3)} |`,
    );
  });
} finally {
  await browser.close();
  server.close();
}

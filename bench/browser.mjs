// Headless Chromium: first result after page load, latency and throughput beside compromise.
//   node bench/browser.mjs ../shared/data/polnear/dev/text [--quick]
import { chromium } from 'playwright-core';
import { loadTexts, typicalArticle, percentile, fmt, goalLine, serveRepo } from './common.mjs';

const { server, base } = await serveRepo();

const quick = process.argv.includes('--quick');
const texts = loadTexts(process.argv[2]);
const article = typicalArticle(texts);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  // Fresh pages (a new context each: nothing cached), the two pages taking turns: time from
  // navigation start to the first result. page.html: the embedding API with preload hints;
  // page-plain.html: the raw glue, no hints (what a page gets without them).
  const firsts = [];
  const plain = [];
  let result;
  const phases = [];
  const firstResult = async (page, name) => {
    await page.goto(base + name);
    await page.waitForFunction(() => document.title === 'ready');
    if (name === 'page.html') phases.push(await page.evaluate(() => window.phases));
    return page.evaluate(() => window.firstResult);
  };
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    for (const name of ['page.html', 'page-plain.html']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const ms = await firstResult(page, name);
      if (name === 'page-plain.html') plain.push(ms);
      else {
        firsts.push(ms);
        if (i === 0) {
          result = await page.evaluate((a) => window.bench(a), { texts, article, minMs: quick ? 300 : 1000, rounds: quick ? 3 : 7, reps: quick ? 200 : 1000 });
        }
      }
      await context.close();
    }
  }
  firsts.sort((a, b) => a - b);
  plain.sort((a, b) => a - b);
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  const { pair, lat } = result;
  const { ours, theirs } = pair;
  console.log(`\n## Wasm in headless Chromium ${browser.version()} (\`cargo xtask bench\`, bench/browser.mjs)\n`);
  console.log('| library | MB/s | ms per text | ratio |\n| --- | ---: | ---: | ---: |');
  console.log(`| newsmark \`analyze\` | ${fmt(mb / ours, 2)} | ${fmt((ours * 1e3) / texts.length, 2)} | ${fmt(pair.ratio)}× |`);
  console.log(`| compromise 14.17 | ${fmt(mb / theirs, 2)} | ${fmt((theirs * 1e3) / texts.length, 2)} | 1× |`);
  console.log(`\nThe two took ${pair.rounds} alternating turns of at least ${quick ? 300 : 1000} ms each; times are the medians of the turns, the ratio the median of the per-round ratios (range ${fmt(pair.min)}–${fmt(pair.max)}×).`);
  console.log(goalLine((theirs * 1e3) / texts.length));
  console.log(`\n\`analyze\` on a ${Buffer.byteLength(article)}-byte article: p50 ${fmt(percentile(lat, 50), 2)} ms, p95 ${fmt(percentile(lat, 95), 2)} ms.`);
  console.log(`First result after navigation start (fetch + compile + model load + first analyze), median of ${firsts.length} fresh pages: ${fmt(percentile(firsts, 50), 0)} ms (min ${fmt(firsts[0], 0)}, max ${fmt(firsts[firsts.length - 1], 0)}) with preload hints and www/newsmark.js (bench/page.html); ${fmt(percentile(plain, 50), 0)} ms (min ${fmt(plain[0], 0)}, max ${fmt(plain[plain.length - 1], 0)}) without hints through the raw glue (bench/page-plain.html).`);
  const median = (k) => percentile(phases.map((p) => p[k]).sort((a, b) => a - b), 50);
  console.log(`Phases of bench/page.html (medians, ms after navigation start): module script running ${fmt(median('script'), 0)}, .wasm received ${fmt(median('fetched'), 0)}, compiled and instantiated ${fmt(median('ready'), 0)}, first \`analyze\` returned ${fmt(median('first'), 0)}.`);
} finally {
  await browser.close();
  server.close();
}

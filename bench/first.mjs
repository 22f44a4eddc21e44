// Time from navigation start to the first result only, for comparing page variants: fresh
// pages (a new browser context each, nothing cached), the pages taking turns so that a busy
// machine slows each alike.
//   node bench/first.mjs [--runs N] [--revisit] page.html [other-page.html …]   (pages under bench/)
// --revisit adds a returning visitor's row per page, in the same rounds: a context loads the
// page once, waits for the browser to store the compiled module in its code cache (the server
// then lets every response be cached for an hour), and loads it again; the second load is
// measured.
// Prints per page the median, min and max of the first result and of each phase the page
// reports in `window.phases` (ms after navigation start), plus the HTML's arrival, the first
// call alone (`call`: first - ready, when the page reports `ready`) and, with more than one
// page, the median of the per-round ratios to the first page's times.
import { chromium } from 'playwright-core';
import { percentile, fmt, serveRepo } from './common.mjs';

const args = process.argv.slice(2);
let runs = 9;
let revisit = false;
const pages = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--revisit') revisit = true;
  else pages.push(args[i]);
}
if (!pages.length || !(runs > 0)) throw new Error('usage: node bench/first.mjs [--runs N] [--revisit] PAGE.html …');

const { server, base } = await serveRepo({ cacheable: revisit });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const rows = pages.flatMap((p) => (revisit ? [[p, false], [p, true]] : [[p, false]]));
const label = ([p, again]) => (again ? `${p} (second visit, code cached)` : p);
const results = new Map(rows.map((r) => [label(r), []]));
try {
  for (let i = 0; i < runs; i++) {
    for (const row of rows) {
      const [name, again] = row;
      const context = await browser.newContext();
      const page = await context.newPage();
      if (again) {
        await page.goto(base + name);
        await page.waitForFunction(() => document.title === 'ready');
        // Chromium stores a module's code once enough of it is optimised or a while after
        // compiling; give it time on a busy machine.
        await page.waitForTimeout(4000);
      }
      await page.goto(base + name);
      await page.waitForFunction(() => document.title === 'ready');
      const r = await page.evaluate(() => ({
        html: performance.getEntriesByType('navigation')[0].responseEnd,
        ...(window.phases ?? {}),
        first: window.firstResult,
      }));
      // The first call alone (model load and the engine's lazy compilation), when reported.
      if (r.ready !== undefined) r.call = r.first - r.ready;
      results.get(label(row)).push(r);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`first result, ${runs} pages each, fresh contexts (median [min–max], ms after navigation start)`);
for (const [name, rs] of results) {
  const keys = Object.keys(rs[0]);
  const cols = keys.map((k) => {
    const xs = rs.map((r) => r[k]).sort((a, b) => a - b);
    return `${k} ${fmt(percentile(xs, 50), 0)} [${fmt(xs[0], 0)}–${fmt(xs[xs.length - 1], 0)}]`;
  });
  console.log(`${name}: ${cols.join(', ')}`);
}
// The robust numbers for an A/B: per round, each row's time over the first row's.
const [firstRows, ...others] = [...results.values()];
if (others.length) {
  console.log('median of per-round ratios to the first row (first result / first call alone):');
  for (const [name, rs] of results) {
    const ratio = (k) => {
      const q = rs.map((r, i) => r[k] / firstRows[i][k]).sort((a, b) => a - b);
      return fmt(percentile(q, 50), 3);
    };
    console.log(`${name}: ${ratio('first')}${rs[0].call === undefined ? '' : ` / ${ratio('call')}`}`);
  }
}

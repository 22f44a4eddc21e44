// Time from navigation start to the first result only, for comparing page variants: fresh
// pages (a new browser context each, nothing cached), the pages taking turns so that a busy
// machine slows each alike.
//   node bench/first.mjs [--runs N] page.html [other-page.html …]   (pages under bench/)
// Prints per page the median, min and max of the first result and of each phase the page
// reports in `window.phases` (ms after navigation start), plus the HTML's arrival.
import { chromium } from 'playwright-core';
import { percentile, fmt, serveRepo } from './common.mjs';

const args = process.argv.slice(2);
let runs = 9;
const pages = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else pages.push(args[i]);
}
if (!pages.length || !(runs > 0)) throw new Error('usage: node bench/first.mjs [--runs N] PAGE.html …');

const { server, base } = await serveRepo();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const results = new Map(pages.map((p) => [p, []]));
try {
  for (let i = 0; i < runs; i++) {
    for (const name of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(base + name);
      await page.waitForFunction(() => document.title === 'ready');
      results.get(name).push(
        await page.evaluate(() => ({
          html: performance.getEntriesByType('navigation')[0].responseEnd,
          ...(window.phases ?? {}),
          first: window.firstResult,
        })),
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`first result, ${runs} fresh pages each (median [min–max], ms after navigation start)`);
for (const [name, rs] of results) {
  const keys = Object.keys(rs[0]);
  const cols = keys.map((k) => {
    const xs = rs.map((r) => r[k]).sort((a, b) => a - b);
    return `${k} ${fmt(percentile(xs, 50), 0)} [${fmt(xs[0], 0)}–${fmt(xs[xs.length - 1], 0)}]`;
  });
  console.log(`${name}: ${cols.join(', ')}`);
}

// The demo page in headless Chromium: www/ served on a random local port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, watch, ROOT, WWW } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const seen = watch(page, server.url);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, seen, context };
}

async function analyse(page, text) {
  const before = await page.evaluate(() => document.body.dataset.analysed);
  await page.fill('#text', text);
  await page.click('#analyze');
  await page.waitForFunction((b) => document.body.dataset.analysed !== b, before, { timeout: 60_000 });
}

test('the page loads with the sample, analysed in the Worker, with no errors or outside requests', async () => {
  const wasmBefore = server.requests.filter((r) => r === '/pkg/newsmark_bg.wasm').length;
  const { page, seen, context } = await open();
  // The module is fetched once, early (preload), compiled on the page while the Worker starts
  // and handed to it: the Worker does not fetch it again.
  assert.equal(server.requests.filter((r) => r === '/pkg/newsmark_bg.wasm').length - wasmBefore, 1);
  assert.equal(await page.evaluate(() => document.body.dataset.analyzer), 'worker');
  const text = await page.inputValue('#text');
  assert.match(text, /Port of Valmera/);
  const article = await page.textContent('#article');
  assert.match(article, /Thousands of dock workers walked off the job/);
  assert.match(await page.textContent('#status-text'), /mentions of .* entities, .* quotes/);
  assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+/);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.outside, []);
  await context.close();
});

test('the cleaned article has no ad markers and the cleaning view strikes them through', async () => {
  const { page, context } = await open();
  const article = await page.textContent('#article');
  assert.ok(!article.includes('[ad_1]'), 'the marker is not in the cleaned article');
  assert.ok(!article.includes('Source link'));
  await page.click('#tab-cleaning');
  assert.equal(await page.isVisible('#cleaning'), true);
  assert.equal(await page.isVisible('#article'), false);
  assert.equal(await page.isVisible('#legend'), false, 'the layer legend belongs to the analysis view');
  const removed = await page.$$eval('#original mark.cl-removed', (ms) => ms.map((m) => [m.textContent, m.title]));
  const n = await page.evaluate(() => window.newsmarkResult.removed.length);
  assert.ok(n >= 4, `removed ${n} pieces`);
  assert.ok(removed.some(([t, title]) => t.includes('[ad_1]') && /marker/.test(title)), JSON.stringify(removed));
  assert.equal(await page.locator('#removed-table tbody tr').count(), n);
  // The original text is shown whole, marks and all.
  assert.equal(await page.textContent('#original'), await page.inputValue('#text'));
  await page.click('#tab-analysis');
  assert.equal(await page.isVisible('#article'), true);
  await context.close();
});

test('entities and quotes are highlighted with the right labels', async () => {
  const { page, context } = await open();
  const r = await page.evaluate(() => window.newsmarkResult);
  // Every mention is painted, with its label as class and accessible name.
  const marks = await page.$$eval('#article mark.nm', (ms) =>
    ms.map((m) => ({ id: m.dataset.nmId, kind: m.dataset.nmKind, text: m.textContent, title: m.title })),
  );
  for (let i = 0; i < r.mentions.length; i++) {
    const pieces = marks.filter((m) => m.id === `m${i}`);
    assert.ok(pieces.length >= 1, `mention ${i} painted`);
    assert.equal(pieces.map((p) => p.text).join(''), r.mentions[i].text);
    assert.ok(pieces.every((p) => p.kind === r.mentions[i].label));
  }
  const per = marks.filter((m) => m.kind === 'PER');
  assert.ok(per.some((m) => m.text.includes('Marsh')), 'Elena Marsh is highlighted as a person');
  assert.ok(per.every((m) => m.title.startsWith('Person: ')));
  assert.ok(marks.some((m) => m.kind === 'ORG'), 'an organisation is highlighted');
  assert.ok(marks.some((m) => m.kind === 'LOC' && m.text.includes('Kessenburg')), 'a place is highlighted');
  const quotes = marks.filter((m) => m.kind === 'quote');
  assert.ok(quotes.some((m) => m.text.includes('Every day the port is closed')), 'a quote is highlighted');
  assert.ok(marks.some((m) => m.kind === 'speaker' && m.text === 'he'), 'the pronoun speaker is marked');
  // The quotes panel names the speakers.
  const panel = await page.$$eval('#quotes button.quote', (bs) => bs.map((b) => b.querySelector('.who').textContent));
  assert.ok(panel.some((who) => who.includes('Lindqvist')), JSON.stringify(panel));
  // A quote inside a quote is its own quote, listed under the quote that holds it.
  const slice = (c) => r.text.slice(c.start, c.end);
  const inner = r.quotes.find((q) => q.within !== null);
  assert.ok(inner, 'the sample has a quote inside a quote');
  assert.equal(slice(inner.content[0]), 'The cranes are coming whether you like it or not,');
  assert.ok(slice(r.quotes[inner.within].content[0]).includes(`‘${slice(inner.content[0])}’`));
  const nested = await page.$$eval('#quotes li.nested .meta', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(nested, [`direct · told · inside quote ${inner.within + 1}`]);
  await context.close();
});

test('layers can be switched off and on', async () => {
  const { page, context } = await open();
  const count = await page.locator('#article mark.nm-quote').count();
  assert.ok(count > 0, 'quotes painted');
  const bg = () => page.$eval('#article mark.nm-quote', (m) => getComputedStyle(m).backgroundColor);
  const on = await bg();
  await page.uncheck('input[data-layer="quote"]');
  assert.equal(await page.locator('#article mark.nm-quote.nm-hidden').count(), count);
  assert.notEqual(await bg(), on);
  assert.equal(await bg(), 'rgba(0, 0, 0, 0)');
  await page.check('input[data-layer="quote"]');
  assert.equal(await page.locator('#article mark.nm-quote.nm-hidden').count(), 0);
  assert.equal(await bg(), on);
  // Keyboard: the layer boxes are reachable and toggle with Space.
  await page.focus('input[data-layer="PER"]');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('input[data-layer="PER"]'), false);
  await context.close();
});

test('clicking an entity highlights all its mentions and scrolls to the first', async () => {
  const { page, context } = await open({ width: 1000, height: 500 });
  const button = page.locator('#entities button.entity').first();
  assert.ok((await button.count()) === 1, 'the entity panel lists entities');
  const id = Number(await button.getAttribute('data-entity'));
  const r = await page.evaluate(() => window.newsmarkResult);
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  const active = await page.$$eval('#article mark.nm-active', (ms) => [...new Set(ms.map((m) => m.dataset.nmId))]);
  const mentionIds = r.entities[id].mentions.map((i) => `m${i}`);
  for (const m of mentionIds) assert.ok(active.includes(m), `${m} active`);
  const first = page.locator(`#article mark[data-nm-id="${mentionIds[0]}"]`).first();
  await page.waitForFunction(
    (sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    },
    `#article mark[data-nm-id="${mentionIds[0]}"]`,
    { timeout: 5000 },
  );
  assert.ok(await first.isVisible());
  // Keyboard: Enter on a quote in the panel activates it.
  await page.focus('#quotes button.quote');
  await page.keyboard.press('Enter');
  assert.ok((await page.locator('#article mark.nm-active.nm-quote').count()) > 0);
  await context.close();
});

test('another sample can be picked', async () => {
  const { page, seen, context } = await open();
  const before = await page.evaluate(() => document.body.dataset.analysed);
  await page.selectOption('#sample', 'samples/council-budget.txt');
  await page.waitForFunction((b) => document.body.dataset.analysed !== b, before, { timeout: 30_000 });
  assert.match(await page.inputValue('#text'), /Brantford City Council/);
  assert.match(await page.textContent('#article'), /approved a \$1\.2 billion budget/);
  const people = await page.$$eval('#entities button.entity[data-label="PER"] .name', (ns) => ns.map((n) => n.textContent));
  assert.ok(people.some((n) => n.includes('Osei')), JSON.stringify(people));
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a pasted article is analysed; typing re-analyses after a pause', async () => {
  const { page, seen, context } = await open();
  const text = 'Ministers met in Lisbon on Friday.\n\n“We are close to a deal,” said Carla Mendes, the finance minister.';
  await analyse(page, text);
  const r = await page.evaluate(() => window.newsmarkResult);
  assert.equal(r.text, text);
  assert.equal(await page.$eval('#article', (a) => a.children.length), 2);
  assert.match(await page.textContent('#article'), /close to a deal/);
  // Debounced: typing without pressing Analyze.
  const before = await page.evaluate(() => document.body.dataset.analysed);
  await page.click('#text');
  await page.keyboard.press('End');
  await page.keyboard.type(' Talks resume in Porto.');
  await page.waitForFunction((b) => document.body.dataset.analysed !== b, before, { timeout: 10_000 });
  assert.match(await page.textContent('#article'), /Talks resume in Porto\./);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('article text is never inserted as HTML', async () => {
  const { page, seen, context } = await open();
  const evil = '<img src=x onerror=alert(1)> said “<script>alert(2)</script>,” Bob Smith said.\n\n<b>bold</b> &amp; &lt;i&gt;it&lt;/i&gt; <a href="javascript:alert(3)">link</a>';
  await analyse(page, evil);
  const r = await page.evaluate(() => window.newsmarkResult);
  // The analysis view shows the cleaned text as text (cleaning may drop markup as junk)...
  const article = await page.textContent('#article');
  assert.equal(article, r.paragraphs.map((p) => r.text.slice(p.start, p.end)).join(''));
  // (Cleaning reads character references: `&lt;i&gt;` is the text `<i>`, never an element.)
  assert.ok(article.includes('alert(2)') && article.includes(' & ') && article.includes('<i>it</i>'));
  // ...and the cleaning view shows the input, markup and all, as characters.
  await page.click('#tab-cleaning');
  const original = await page.textContent('#original');
  assert.equal(original, evil);
  assert.ok(original.includes('<img src=x onerror=alert(1)>') && original.includes('<script>alert(2)</script>'));
  assert.ok(original.includes('&amp; &lt;i&gt;'));
  for (const x of r.removed) assert.ok((await page.textContent('#removed-table')).includes(x.text));
  assert.equal(await page.locator('#article img, #article script, #article b, #article i, #article a[href]').count(), 0);
  assert.equal(await page.locator('#cleaning img, #cleaning script, #cleaning b, #cleaning a[href]').count(), 0);
  await page.waitForTimeout(300);
  assert.deepEqual(seen.dialogs, []);
  assert.ok(!server.requests.includes('/x'), 'the image was never requested');
  assert.deepEqual(seen.outside, []);
  await context.close();
});

test('the Worker API answers, reports errors and recovers', async () => {
  const { page, context } = await open();
  const out = await page.evaluate(async () => {
    const { createWorkerAnalyzer } = await import('/newsmark.js');
    const w = createWorkerAnalyzer();
    const a = await w.analyze('“Yes,” said Ann Lee in Oslo.');
    const errors = [];
    for (const [text, options] of [[5, undefined], ['x', { bogus: true }]]) {
      try {
        await w.analyze(text, options);
      } catch (e) {
        errors.push([e.constructor.name, e.message]);
      }
    }
    const b = await w.analyze('“Yes,” said Ann Lee in Oslo.');
    const v = await w.version();
    // A worker that is gone (terminated or crashed) fails its pending calls and is replaced.
    const pending = w.analyze('“Yes,” said Ann Lee in Oslo.').catch((e) => e.message);
    w.terminate();
    const lost = await pending;
    const c = await w.analyze('“Yes,” said Ann Lee in Oslo.');
    w.terminate();
    return { a, b, c, errors, v, lost };
  });
  assert.equal(out.a.text, '“Yes,” said Ann Lee in Oslo.');
  assert.deepEqual(out.b, out.a);
  assert.match(out.lost, /terminated/);
  assert.deepEqual(out.c, out.a);
  assert.equal(out.errors.length, 2);
  assert.equal(out.errors[0][0], 'TypeError');
  assert.match(out.errors[0][1], /text must be a string/);
  assert.match(out.errors[1][1], /unknown field `bogus`/);
  assert.match(out.v, /^\d+\.\d+\.\d+/);
  await context.close();
});

test('a 1 MB article shows progress and the page stays responsive', async () => {
  const { page, context } = await open();
  await page.evaluate(() => {
    const t = document.getElementById('text');
    let s = '';
    while (s.length < 1 << 20) s += t.value + '\n\n';
    t.value = s;
  });
  const before = await page.evaluate(() => document.body.dataset.analysed);
  await page.click('#analyze');
  // The progress bar shows at once for big texts, with a percentage that grows, and the main
  // thread answers meanwhile.
  assert.equal(await page.isVisible('#progress'), true);
  const t0 = Date.now();
  await page.evaluate(() => 1 + 1);
  assert.ok(Date.now() - t0 < 1000, 'the main thread is free while the Worker analyses');
  const samples = [];
  for (;;) {
    const s = await page.evaluate(() => ({
      pct: document.getElementById('progress-pct').textContent,
      value: document.getElementById('progress').value,
      max: document.getElementById('progress').max,
      done: document.body.dataset.analysed,
    }));
    if (s.done !== before) break;
    samples.push(s);
    await page.waitForTimeout(150);
  }
  assert.ok(samples.length >= 2, `progress was seen while analysing: ${JSON.stringify(samples)}`);
  for (const s of samples) {
    assert.match(s.pct, /^\d{1,2} %$/);
    assert.equal(s.value, Number.parseInt(s.pct, 10));
    assert.equal(s.max, 100);
  }
  for (let i = 1; i < samples.length; i++) assert.ok(samples[i].value >= samples[i - 1].value, 'the percentage never goes back');
  assert.ok(samples[samples.length - 1].value > samples[0].value, `the percentage grows: ${JSON.stringify(samples)}`);
  assert.equal(await page.isVisible('#progress'), false);
  assert.equal(await page.isVisible('#progress-pct'), false);
  assert.ok((await page.evaluate(() => window.newsmarkResult.text.length)) > 900_000);
  await context.close();
});

test('exports: JSON and quotes CSV', async () => {
  const { page, context } = await open();
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const parsed = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.deepEqual(parsed, await page.evaluate(() => window.newsmarkResult));
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const lines = readFileSync(await csv.path(), 'utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'speaker,quote,cue');
  assert.equal(lines.length, 1 + parsed.quotes.length);
  assert.ok(parsed.quotes.length > 0, 'the sample has quotes');
  assert.ok(lines.some((l) => l.includes('Every day the port is closed')));
  await context.close();
});

test('the embedding example runs', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watch(page, server.url);
  await page.goto(`${server.url}examples/embed.html`);
  await page.waitForFunction(() => document.getElementById('out').textContent.length > 0, null, { timeout: 30_000 });
  const out = await page.textContent('#out');
  assert.equal(out.split('\n')[0], '“We will stay,” Mayor Jane Doe said in Paris.');
  assert.match(out, /PER Jane Doe/);
  assert.match(out, /LOC Paris/);
  assert.match(out, /QUOTE Jane Doe: We will stay,?/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the README examples run as written', async () => {
  // Every ```html block of www/README.md (and of the top README, when it has one) that imports
  // newsmark.js is served from www/ and must print the analysis of its sample.
  const blocks = [];
  for (const file of [path.join(WWW, 'README.md'), path.join(ROOT, 'README.md')]) {
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/```html\n([\s\S]*?)```/g)) {
      if (m[1].includes('newsmark.js') && m[1].includes('id="out"')) blocks.push(m[1].replaceAll("'./www/newsmark.js'", "'./newsmark.js'"));
    }
  }
  assert.ok(blocks.length >= 1, 'www/README.md has the example');
  for (const [i, block] of blocks.entries()) {
    const extra = { [`/readme-example-${i}.html`]: { type: 'text/html; charset=utf-8', body: `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">${block}` } };
    const s = await serve(WWW, extra);
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = watch(page, s.url);
    await page.goto(`${s.url}readme-example-${i}.html`);
    await page.waitForFunction(() => document.getElementById('out').textContent.length > 0, null, { timeout: 30_000 });
    const out = await page.textContent('#out');
    assert.match(out, /PER Jane Doe/, out);
    assert.match(out, /QUOTE Jane Doe: We will stay/, out);
    assert.deepEqual(seen.errors, []);
    await context.close();
    await s.close();
  }
});

test('screenshot of the demo for the README', async () => {
  const { page, context } = await open({ width: 1280, height: 860 });
  const dir = path.join(ROOT, 'docs');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, 'demo.png') });
  await context.close();
});

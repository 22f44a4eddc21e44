// The shared highlighter (www/highlight.js) in Chromium, in both painting modes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watch } from './harness.mjs';

let server;
let browser;
let page;
let seen;

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function fresh() {
  page = await browser.newPage();
  seen = watch(page, server.url);
  await page.goto(`${server.url}tests/browser/fixtures/hl.html`);
  await page.evaluate(async () => {
    window.H = await import('/highlight.js');
  });
}

// "Mike Pompeo" is split over three text nodes by <b>; "São Paulo" sits in <i>; 👋 is two UTF-16 units.
const PAINT = `(mode) => {
  const p1 = document.getElementById('p1');
  const text = H.textIndex(p1).text;
  const hl = H.createHighlighter({ mode });
  const at = (s) => [text.indexOf(s), text.indexOf(s) + s.length];
  const [ms, me] = at('Mike Pompeo');
  const [as, ae] = at('Ali Khan');
  const [ss, se] = at('São\\u00a0Paulo');
  const [ws, we] = at('👋');
  hl.paint(p1, [
    { id: 'q', start: 0, end: text.length, kind: 'quote', label: 'Quote <img src=x onerror=alert(1)>' },
    { id: 'm1', start: ms, end: me, kind: 'PER', group: 'e1', label: 'Person: Mike Pompeo' },
    { id: 'm2', start: as, end: ae, kind: 'PER', group: 'e2', label: 'Person: Ali Khan' },
    { id: 'm3', start: ss, end: se, kind: 'LOC', group: 'e3', label: 'Place' },
    { id: 'w', start: ws, end: we, kind: 'MISC' },
    { id: 'out', start: text.length + 5, end: text.length + 9, kind: 'MISC' },
  ]);
  window.hl = hl;
  return { text, mode: hl.mode };
}`;

test('marks: a name split by elements is one highlight with one id; the text is unchanged', async () => {
  await fresh();
  const before = await page.$eval('#p1', (p) => p.textContent);
  const r = await page.evaluate(`(${PAINT})('marks')`);
  assert.equal(r.mode, 'marks');
  assert.equal(await page.$eval('#p1', (p) => p.textContent), before);
  const pieces = await page.$$eval('#p1 mark[data-nm-id="m1"]', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(pieces, ['Mike ', 'Pom', 'peo']);
  assert.equal(await page.evaluate(() => hl.pieceCount('m1')), 3);
  // Names nest inside the quote that covers them.
  assert.equal(await page.$eval('#p1 mark[data-nm-id="m2"]', (m) => m.parentElement.dataset.nmId), 'q');
  assert.equal(await page.$eval('#p1 mark[data-nm-id="m2"]', (m) => m.closest('a') !== null), true, 'stays inside the link');
  assert.equal(await page.$eval('#p1 mark[data-nm-id="m3"]', (m) => m.textContent), 'São\u00a0Paulo');
  assert.equal(await page.$eval('#p1 mark[data-nm-id="w"]', (m) => m.textContent), '👋');
  // A span past the block is dropped, never painted into the next block.
  assert.equal(await page.locator('mark[data-nm-id="out"]').count(), 0);
  assert.equal(await page.locator('#p2 mark').count(), 0);
  // Labels are attributes, not HTML.
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.$eval('mark[data-nm-id="q"]', (m) => m.title), 'Quote <img src=x onerror=alert(1)>');
  // Hit-testing: the spans under a point, innermost first.
  const box = await page.$eval('#p1 b', (b) => {
    const r = b.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  assert.deepEqual(await page.evaluate(({ x, y }) => hl.spansAtPoint(x, y).map((s) => s.id), box), ['m1', 'q']);
  // Activate a group, hide a layer, clear: the DOM returns to what it was.
  await page.evaluate(() => hl.activate({ group: 'e1' }));
  assert.equal(await page.locator('mark.nm-active').count(), 3);
  await page.evaluate(() => hl.setLayer('PER', false));
  assert.equal(await page.locator('mark.nm-PER.nm-hidden').count(), 4);
  const html = await page.evaluate(() => {
    hl.clear();
    return document.getElementById('p1').innerHTML;
  });
  assert.equal(html, 'Mike <b>Pom</b>peo met <a href="#">Ali Khan</a> in <i>São&nbsp;Paulo</i> 👋.');
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.dialogs, []);
  await page.close();
});

test('highlights: the CSS Custom Highlight API paints without touching the DOM', async () => {
  await fresh();
  const html = await page.$eval('#p1', (p) => p.innerHTML);
  const r = await page.evaluate(`(${PAINT})('auto')`);
  assert.equal(r.mode, 'highlights', 'Chromium has the Highlight API');
  assert.equal(await page.$eval('#p1', (p) => p.innerHTML), html);
  const ranges = await page.evaluate(() => Object.fromEntries([...CSS.highlights].map(([k, h]) => [k, [...h].map((x) => x.toString())])));
  assert.deepEqual(ranges['nm-PER'].sort(), ['Ali Khan', 'Mike Pompeo']);
  assert.deepEqual(ranges['nm-LOC'], ['São\u00a0Paulo']);
  assert.equal(ranges['nm-quote'].length, 1);
  // Hit-testing through caret positions.
  const box = await page.$eval('#p1 a', (a) => {
    const r = a.getBoundingClientRect();
    return { x: r.left + 3, y: r.top + r.height / 2 };
  });
  assert.deepEqual(await page.evaluate(({ x, y }) => hl.spansAtPoint(x, y).map((s) => s.id), box), ['m2', 'q']);
  await page.evaluate(() => hl.activate({ ids: ['m1', 'm2'] }));
  assert.equal(await page.evaluate(() => CSS.highlights.get('nm-active').size), 2);
  await page.evaluate(() => hl.setLayer('PER', false));
  assert.equal(await page.evaluate(() => CSS.highlights.has('nm-PER')), false);
  await page.evaluate(() => hl.setLayer('PER', true));
  assert.equal(await page.evaluate(() => CSS.highlights.get('nm-PER').size), 2);
  await page.evaluate(() => hl.clear());
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
  await page.close();
});

test('highlights: describe() gives every highlight an accessible name in a keyboard-navigable list', async () => {
  await fresh();
  await page.evaluate(`(${PAINT})('highlights')`);
  // A span crossing into the second block with the same id is one entry.
  await page.evaluate(() => {
    hl.paint(document.getElementById('p2'), [{ id: 'q', start: 0, end: 14, kind: 'quote', label: 'Quote <img src=x onerror=alert(1)>' }]);
    hl.describe(document.body, { title: 'Highlights in this page', kinds: { PER: 'people', LOC: 'places', quote: 'quotes' } });
  });
  const nav = page.getByRole('navigation', { name: 'Highlights in this page' });
  assert.equal(await nav.count(), 1);
  const names = await nav.getByRole('button').evaluateAll((bs) => bs.map((b) => b.textContent));
  assert.deepEqual(names, [
    'Quote <img src=x onerror=alert(1)>: “Mike Pompeo met Ali Khan in São\u00a0Paulo 👋. … “Second block,”',
    'Person: Mike Pompeo: “Mike Pompeo”',
    'Person: Ali Khan: “Ali Khan”',
    'Place: “São\u00a0Paulo”',
    'MISC: “👋”',
  ]);
  assert.equal(await page.locator('img').count(), 0, 'labels are text, never HTML');
  // The live region announces what was marked.
  const status = page.getByRole('status');
  await page.waitForFunction(() => (document.querySelector('[role=status]')?.textContent ?? '') !== '');
  assert.equal(await status.textContent(), '5 passages marked: 1 quotes, 2 people, 1 places, 1 MISC.');
  // Visually hidden until it holds keyboard focus; Tab reaches it after the page's own links.
  const size = () => nav.evaluate((n) => n.getBoundingClientRect().width);
  assert.ok((await size()) <= 1, 'hidden while not focused');
  await page.keyboard.press('Tab'); // the link in #p1
  await page.keyboard.press('Tab'); // the first item of the list
  assert.equal(await page.evaluate(() => document.activeElement.textContent.startsWith('Quote')), true);
  assert.ok((await size()) > 100, 'shown while focused');
  // Focus marks the highlight; arrow keys move between the items.
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Person: Mike Pompeo: “Mike Pompeo”');
  assert.deepEqual(await page.evaluate(() => [...CSS.highlights.get('nm-active')].map((r) => r.toString())), ['Mike Pompeo']);
  await page.keyboard.press('End');
  assert.deepEqual(await page.evaluate(() => [...CSS.highlights.get('nm-active')].map((r) => r.toString())), ['👋']);
  // A hidden layer leaves the list; clear() removes it.
  await page.evaluate(() => hl.setLayer('PER', false));
  assert.equal(await nav.getByRole('button', { name: /^Person/ }).count(), 0);
  await page.evaluate(() => hl.clear());
  assert.equal(await nav.count(), 0);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.dialogs, []);
  await page.close();
});

test('splitOverBlocks keeps one id for the pieces of a span crossing blocks', async () => {
  await fresh();
  const out = await page.evaluate(() =>
    H.splitOverBlocks(['abc', 'defg', 'hi'], [
      { id: 'x', start: 1, end: 7 },
      { id: 'y', start: 3, end: 5 },
      { id: 'z', start: 11, end: 13 },
    ]),
  );
  // Blocks start at 0, 5 and 11 with the default "\n\n" separator.
  assert.deepEqual(out, [
    [{ id: 'x', start: 1, end: 3 }],
    [{ id: 'x', start: 0, end: 2 }],
    [{ id: 'z', start: 0, end: 2 }],
  ]);
  await page.close();
});

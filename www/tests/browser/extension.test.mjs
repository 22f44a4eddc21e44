// The browser extension, unpacked into headless Chromium (a persistent context with
// --load-extension), on a local news page. The toolbar action is triggered through the DevTools
// protocol (Extensions.triggerAction, which needs --enable-unsafe-extension-debugging and the
// pipe connection Playwright uses): the same path as a click on the toolbar icon.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, watch, WWW, CHROMIUM, ARGS } from './harness.mjs';

const EXT = path.join(WWW, 'extension');
let server;
let context;
let profile;
let extensionId;
let worker;

before(async () => {
  assert.ok(existsSync(path.join(EXT, 'lib/pkg/newsmark_bg.wasm')), 'run `cargo xtask wasm` first: it copies the module into www/extension/lib');
  server = await serve(path.join(WWW, 'tests/browser/fixtures'));
  profile = mkdtempSync(path.join(tmpdir(), 'newsmark-ext-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...ARGS.filter((a) => a !== '--headless'),
      '--headless=new',
      `--disable-extensions-except=${EXT}`,
      `--load-extension=${EXT}`,
      '--enable-unsafe-extension-debugging',
    ],
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  extensionId = new URL(worker.url()).host;
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function triggerAction(page) {
  const browserSession = await context.browser().newBrowserCDPSession();
  // The action runs on a tab target (the container of the page target).
  const { targetInfos } = await browserSession.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
  assert.ok(tab, `a tab target for ${page.url()}: ${JSON.stringify(targetInfos)}`);
  await browserSession.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
}

test('the extension loads with minimal permissions and the Wasm CSP', async () => {
  assert.match(extensionId, /^[a-p]{32}$/);
  const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
  assert.deepEqual(manifest.permissions.sort(), ['activeTab', 'scripting']);
  assert.equal(manifest.host_permissions, undefined);
  assert.match(manifest.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
  // The module runs inside the extension's service worker.
  const v = await worker.evaluate(async () => {
    const m = await import(chrome.runtime.getURL('lib/newsmark.js')).catch((e) => ({ error: String(e) }));
    return m.error ?? null;
  });
  // Service workers may not import() dynamically; the static import in background.js is the path.
  assert.ok(v === null || /import\(\) is disallowed/.test(v), v);
});

test('the toolbar action highlights the article in place and lists its people, places and quotes', async () => {
  const page = await context.newPage();
  const seen = watch(page, server.url);
  await page.goto(`${server.url}news.html`);
  const htmlBefore = await page.$eval('article', (a) => a.innerHTML);
  await triggerAction(page);
  await page.waitForSelector('#newsmark-panel-host', { state: 'attached', timeout: 20_000 });

  // Highlights: painted with the CSS Custom Highlight API, the article's DOM untouched.
  const highlights = await page.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) {
      out[name] = [...h].map((r) => r.toString());
    }
    return out;
  });
  assert.equal(await page.$eval('article', (a) => a.innerHTML), htmlBefore, 'the page DOM is not changed');
  assert.ok(highlights['newsmark-PER']?.includes('Elena Marsh'), `a name split by <b> is one highlight: ${JSON.stringify(highlights)}`);
  assert.ok(highlights['newsmark-PER'].some((t) => t.includes('Lindqvist')));
  assert.ok(highlights['newsmark-ORG']?.some((t) => t.includes('Ostland Dockworkers Union')), 'an organisation inside a link');
  assert.ok(highlights['newsmark-LOC']?.some((t) => t.includes('Kessenburg')));
  assert.ok(highlights['newsmark-quote']?.some((t) => t.includes('Every day the port is closed')));
  // Menus and footers are not part of the article.
  const all = Object.values(highlights).flat().join('|');
  assert.ok(!all.includes('Peter Hansen'), 'navigation is skipped');
  assert.ok(!all.includes('Frank Olsen'), 'the footer is skipped');

  // The panel lists people, organisations, places and quotes with speakers.
  const panel = await page.evaluate(() => {
    const root = document.getElementById('newsmark-panel-host').shadowRoot;
    const list = (sel) => [...root.querySelectorAll(sel)].map((b) => b.textContent);
    return {
      people: list('ul.PER button'),
      orgs: list('ul.ORG button'),
      places: list('ul.LOC button'),
      quotes: list('ul.quotes button'),
    };
  });
  assert.ok(panel.people.some((t) => t.includes('Marsh')), JSON.stringify(panel));
  assert.ok(panel.orgs.length > 0 && panel.places.length > 0, JSON.stringify(panel));
  assert.ok(panel.quotes.some((t) => t.startsWith('Tomas Lindqvist: ') && t.includes('Every day')), JSON.stringify(panel.quotes));

  // Hovering a highlight shows what it is (the highlighter's own hit-testing).
  const box = await page.evaluate(() => {
    const p = [...document.querySelectorAll('article p')].find((x) => x.textContent.includes('Lindqvist'));
    const t = [...p.childNodes].find((n) => n.nodeType === 3 && n.data.includes('Lindqvist'));
    const r = document.createRange();
    const at = t.data.indexOf('Lindqvist');
    r.setStart(t, at + 2);
    r.setEnd(t, at + 3);
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  await page.waitForFunction(() => !document.getElementById('newsmark-panel-host').shadowRoot.querySelector('.tip').hidden, null, { timeout: 5000 });
  const tip = await page.evaluate(() => document.getElementById('newsmark-panel-host').shadowRoot.querySelector('.tip').textContent);
  assert.match(tip, /Person: Tomas Lindqvist/);

  // Clicking an item marks all its mentions.
  await page.evaluate(() => {
    const root = document.getElementById('newsmark-panel-host').shadowRoot;
    [...root.querySelectorAll('ul.PER button')].find((b) => b.textContent.includes('Marsh')).click();
  });
  const active = await page.evaluate(() => [...(CSS.highlights.get('newsmark-active') ?? [])].map((r) => r.toString()));
  assert.ok(active.includes('Elena Marsh') && active.includes('Marsh'), JSON.stringify(active));
  // Escape removes everything.
  await page.keyboard.press('Escape');
  assert.equal(await page.$('#newsmark-panel-host'), null);
  assert.equal(await page.evaluate(() => CSS.highlights.has('newsmark-PER')), false);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.outside, []);
  await page.close();
});

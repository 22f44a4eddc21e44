// The browser extension, unpacked into headless Chromium (`--headless=new`, a persistent
// profile), on a local news page. The extension is loaded the way "Load unpacked" does it, through
// the DevTools protocol (Extensions.loadUnpacked, which returns its id), and the toolbar action is
// triggered through Extensions.triggerAction: the same path as a click on the toolbar icon, which
// grants activeTab and opens the real action popup. Both need --enable-unsafe-extension-debugging
// and the pipe connection Playwright uses. Playwright does not list an action popup among its
// pages, so the test talks to the popup's target over the DevTools protocol (`popupOf`).
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
let cdp;

before(async () => {
  assert.ok(existsSync(path.join(EXT, 'lib/pkg/newsmark_bg.wasm')), 'run `cargo xtask wasm` first: it copies the module into www/extension/lib');
  server = await serve(path.join(WWW, 'tests/browser/fixtures'));
  profile = mkdtempSync(path.join(tmpdir(), 'newsmark-ext-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...ARGS.filter((a) => a !== '--headless'), '--headless=new', '--enable-unsafe-extension-debugging'],
  });
  cdp = await context.browser().newBrowserCDPSession();
  ({ id: extensionId } = await cdp.send('Extensions.loadUnpacked', { path: EXT }));
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Clicks the toolbar action on `page`'s tab and returns a handle on the popup it opens. */
async function openPopup(page) {
  const tabs = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })).targetInfos;
  const tab = tabs.find((t) => t.type === 'tab' && t.url === page.url());
  assert.ok(tab, `a tab target for ${page.url()}: ${JSON.stringify(tabs)}`);
  const url = `chrome-extension://${extensionId}/popup.html`;
  const popups = async () => (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.url === url);
  const old = new Set((await popups()).map((t) => t.targetId));
  await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  let target = null;
  for (let i = 0; i < 100 && !target; i++) {
    target = (await popups()).find((t) => !old.has(t.targetId));
    if (!target) await sleep(100);
  }
  assert.ok(target, 'the action opens the popup');
  return popupOf(target.targetId);
}

/** evaluate(fn, arg) and waitFor(fn) inside the popup, over the DevTools protocol. */
async function popupOf(targetId) {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let next = 0;
  const waiting = new Map();
  const errors = [];
  cdp.on('Target.receivedMessageFromTarget', (ev) => {
    if (ev.sessionId !== sessionId) return;
    const m = JSON.parse(ev.message);
    if (m.method === 'Runtime.exceptionThrown') errors.push(m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text);
    if (m.method === 'Runtime.consoleAPICalled' && m.params.type === 'error') errors.push(m.params.args.map((a) => a.value ?? a.description).join(' '));
    if (waiting.has(m.id)) {
      waiting.get(m.id)(m);
      waiting.delete(m.id);
    }
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  await call('Runtime.enable');
  async function evaluate(fn, arg) {
    const { result, exceptionDetails } = await call('Runtime.evaluate', {
      expression: `(${fn})(${JSON.stringify(arg ?? null)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`in the popup: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }
  async function waitFor(fn, arg, ms = 20_000) {
    const until = Date.now() + ms;
    for (;;) {
      const v = await evaluate(fn, arg);
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out in the popup waiting for ${fn}`);
      await sleep(100);
    }
  }
  // The target exists before its document is parsed: wait for the popup's own page, so that
  // no check below reads an element that is not there yet.
  // (An evaluation can also land in a context that a navigation destroys: try again.)
  const until = Date.now() + 20_000;
  for (;;) {
    const ready = await evaluate(() => location.protocol === 'chrome-extension:' && document.readyState !== 'loading' && document.getElementById('status') !== null).catch(() => false);
    if (ready) break;
    if (Date.now() > until) throw new Error('timed out waiting for the popup document');
    await sleep(100);
  }
  return { evaluate, waitFor, errors };
}

test('the extension loads with minimal permissions, the Wasm CSP and an action popup', async () => {
  assert.match(extensionId, /^[a-p]{32}$/);
  const page = await context.newPage();
  await page.goto(`${server.url}news.html`);
  const popup = await openPopup(page);
  const manifest = await popup.evaluate(() => chrome.runtime.getManifest());
  assert.deepEqual(manifest.permissions.sort(), ['activeTab', 'scripting']);
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(manifest.action.default_popup, 'popup.html');
  assert.match(manifest.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
  // The CSP allows compiling Wasm (the popup did) but no inline or generated code.
  const blocked = await popup.evaluate(
    () =>
      new Promise((resolve) => {
        window.__inlineRan = false;
        document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: window.__inlineRan, directive: e.effectiveDirective }), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
      }),
  );
  assert.deepEqual(blocked, { ran: false, directive: 'script-src-elem' });
  await popup.waitFor(() => document.body?.dataset.ready);
  assert.equal(await popup.evaluate(() => document.body.dataset.ready), 'true');
  await page.close();
});

test('the popup lists people, organisations, places and quotes; the page is highlighted in place; clicking an item scrolls to it', async () => {
  const page = await context.newPage();
  const seen = watch(page, server.url);
  await page.goto(`${server.url}news.html`);
  const htmlBefore = await page.$eval('article', (a) => a.innerHTML);
  const popup = await openPopup(page);
  await popup.waitFor(() => document.body?.dataset.ready);

  // The popup's lists.
  const lists = await popup.evaluate(() => {
    const list = (sel) => [...document.querySelectorAll(sel)].map((b) => b.textContent);
    return {
      ready: document.body.dataset.ready,
      status: document.getElementById('status').textContent,
      headings: [...document.querySelectorAll('h2')].map((h) => h.textContent),
      people: list('ul.PER button'),
      orgs: list('ul.ORG button'),
      places: list('ul.LOC button'),
      quotes: list('ul.quotes button'),
      focused: document.activeElement?.textContent ?? null,
    };
  });
  assert.equal(lists.ready, 'true', lists.status);
  assert.deepEqual(lists.headings.slice(0, 3), ['People', 'Organisations', 'Places'], JSON.stringify(lists));
  assert.ok(lists.people.some((t) => t.includes('Elena Marsh')), JSON.stringify(lists));
  assert.ok(lists.people.some((t) => t.includes('Tomas Lindqvist')), JSON.stringify(lists));
  assert.ok(lists.orgs.some((t) => t.includes('Ostland Dockworkers Union')), JSON.stringify(lists));
  assert.ok(lists.places.some((t) => t.includes('Kessenburg')), JSON.stringify(lists));
  // "Port of Valmera talks collapse": the town is a place and "Port of" stays outside, as in
  // CoNLL-2003 train (`Port/O of/O Tauranaga/B-LOC`); the model before the eleventh session's
  // training text typed "Port of Valmera" an organisation.
  assert.ok(lists.places.some((t) => t.includes('Valmera')), JSON.stringify(lists));
  assert.ok(!JSON.stringify(lists.orgs).includes('Port of Valmera'), JSON.stringify(lists));
  assert.ok(lists.quotes.some((t) => t.startsWith('Tomas Lindqvist: ') && t.includes('Every day the port is closed')), JSON.stringify(lists.quotes));
  assert.ok(lists.quotes.some((t) => t.startsWith('Elena Marsh: ') && t.includes('eleven months')), JSON.stringify(lists.quotes));
  // Menus and footers are not part of the article.
  const everything = JSON.stringify(lists);
  assert.ok(!everything.includes('Peter Hansen'), 'navigation is skipped');
  assert.ok(!everything.includes('Frank Olsen'), 'the footer is skipped');
  // "Amir Haddad … offered mediation" was a fifth quote when a per-word cue table marked
  // `offered`; the trained labeller that replaced it does not read an offer as speech.
  assert.ok(!lists.quotes.some((t) => t.includes('Amir Haddad') && t.includes('mediation')), JSON.stringify(lists.quotes));
  // The counts' nouns agree with their numbers.
  // A scare quote ("The port’s “smart terminal” opened in 2019") is no attribution: quotes
  // below confidence 0.5 are not listed or painted.
  assert.ok(!lists.quotes.some((t) => t.includes('smart terminal')), JSON.stringify(lists.quotes));
  assert.match(lists.status, /^3 people, 2 organisations, 2 places, 4 quotes · \d+ highlights on the page$/);
  assert.ok(lists.focused, 'the first item has keyboard focus');

  // Highlights: painted with the CSS Custom Highlight API, the article's DOM untouched.
  const highlights = await page.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) out[name] = [...h].map((r) => r.toString());
    return out;
  });
  assert.equal(await page.$eval('article', (a) => a.innerHTML), htmlBefore, 'the page DOM is not changed');
  assert.ok(highlights['newsmark-PER']?.includes('Elena Marsh'), `a name split by <b> is one highlight: ${JSON.stringify(highlights)}`);
  assert.ok(highlights['newsmark-PER'].some((t) => t.includes('Lindqvist')));
  assert.ok(highlights['newsmark-ORG']?.some((t) => t.includes('Ostland Dockworkers Union')), 'an organisation inside a link');
  assert.ok(highlights['newsmark-LOC']?.some((t) => t.includes('Kessenburg')));
  assert.ok(highlights['newsmark-quote']?.some((t) => t.includes('Every day the port is closed')));
  const all = Object.values(highlights).flat().join('|');
  assert.ok(!all.includes('Peter Hansen') && !all.includes('Frank Olsen'), 'menus and footers are not highlighted');

  // The accessible list of the highlights in the page (the Highlight API paints no DOM).
  const nav = page.getByRole('navigation', { name: 'Highlights by newsmark' });
  assert.equal(await nav.count(), 1);
  assert.equal(await nav.getByRole('button', { name: 'Person: Elena Marsh: “Elena Marsh”' }).count(), 1);
  assert.equal(await nav.getByRole('button', { name: /^Place: Kessenburg/ }).count(), 1);
  await page.waitForFunction(() => /passages marked: .*people/.test(document.getElementById('newsmark-host')?.shadowRoot?.querySelector('[role=status]')?.textContent ?? ''));

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
  await page.waitForFunction(() => document.getElementById('newsmark-host')?.shadowRoot?.querySelector('.tip')?.hidden === false, null, { timeout: 5000 });
  assert.match(await page.evaluate(() => document.getElementById('newsmark-host').shadowRoot.querySelector('.tip').textContent), /Person: Tomas Lindqvist/);

  // Clicking an item in the popup marks all its mentions and scrolls the page to the first.
  assert.equal(await page.evaluate(() => scrollY), 0);
  const clicked = await popup.evaluate(() => {
    const b = [...document.querySelectorAll('ul.LOC button')].find((x) => x.textContent.includes('Kessenburg'));
    b.click();
    return b.dataset.group;
  });
  assert.match(clicked, /^e\d+$/);
  await page.waitForFunction(() => {
    const r = [...(CSS.highlights.get('newsmark-active') ?? [])][0];
    if (!r || r.toString() !== 'Kessenburg') return false;
    const b = r.getBoundingClientRect();
    return scrollY > 300 && b.top >= 0 && b.bottom <= innerHeight;
  }, null, { timeout: 10_000 });
  assert.equal(await popup.waitFor(() => document.querySelector('[aria-current="true"]')?.textContent), 'Kessenburg1×');

  // A quote item: its content is marked.
  await popup.evaluate(() => [...document.querySelectorAll('ul.quotes button')].find((x) => x.textContent.includes('eleven months')).click());
  await page.waitForFunction(() => [...(CSS.highlights.get('newsmark-active') ?? [])].some((r) => r.toString().includes('We have waited eleven months')), null, { timeout: 5000 });

  // Clear removes every highlight.
  await popup.evaluate(() => document.getElementById('clear').click());
  await page.waitForFunction(() => !CSS.highlights.has('newsmark-PER') && !document.getElementById('newsmark-host'), null, { timeout: 5000 });
  assert.equal(await page.$eval('article', (a) => a.innerHTML), htmlBefore);
  assert.deepEqual(popup.errors, []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.outside, []);
  await page.close();
});

test('the popup says so on a page without article text', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}news.html`);
  await page.evaluate(() => document.querySelector('main').replaceChildren());
  const popup = await openPopup(page);
  await popup.waitFor(() => /No article text/.test(document.getElementById('status')?.textContent ?? ''));
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
  await page.close();
});

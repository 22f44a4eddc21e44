// The action popup: reads the active tab's main text blocks (content.js, injected with the
// activeTab grant the click gave), analyses them here (the module ships inside the extension),
// asks the content script to paint the highlights in place, and lists people, organisations,
// places, other names and quotes with their speakers. Clicking an item asks the content script
// to mark it and scroll the page to it. Page text is only ever shown as text, never as HTML.
import { init } from './lib/newsmark.js';
import { summarise } from './summary.js';

const LISTS = [
  ['PER', 'People'],
  ['ORG', 'Organisations'],
  ['LOC', 'Places'],
  ['MISC', 'Other names'],
];
const $ = (id) => document.getElementById(id);
// Compile the module while the page's text is being read.
const ready = init(chrome.runtime.getURL('lib/pkg/newsmark_bg.wasm'));

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

async function targetTab() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (!tab) throw new Error('no active tab');
  return tab.id;
}

/** Asks the page's content script to mark `group` and scroll to it. */
async function reveal(tabId, group, button) {
  const answer = await chrome.tabs.sendMessage(tabId, { type: 'newsmark-reveal', group });
  document.querySelector('[aria-current="true"]')?.removeAttribute('aria-current');
  if (answer?.ok) button.setAttribute('aria-current', 'true');
  else $('status').textContent = 'That item is no longer on the page; open newsmark again.';
}

function item(tabId, group, label, ...content) {
  const b = el('button', { className: 'item', type: 'button' }, ...content);
  b.dataset.group = group;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => reveal(tabId, group, b).catch((e) => ($('status').textContent = `Error: ${e.message}`)));
  return el('li', {}, b);
}

function render(tabId, payload) {
  const main = $('lists');
  main.replaceChildren();
  for (const [label, title] of LISTS) {
    const list = payload.entities.filter((e) => e.label === label).sort((a, b) => b.count - a.count || b.quotes - a.quotes);
    if (!list.length) continue;
    const ul = el('ul', { className: `entities ${label}` });
    for (const e of list) {
      const n = `${e.count}×${e.quotes ? `, ${e.quotes} quote${e.quotes > 1 ? 's' : ''}` : ''}`;
      const spoken = `${e.name}: ${e.count} mention${e.count > 1 ? 's' : ''}${e.quotes ? `, ${e.quotes} quote${e.quotes > 1 ? 's' : ''}` : ''}`;
      ul.append(item(tabId, `e${e.id}`, spoken, el('span', { className: 'name', textContent: e.name }), el('span', { className: 'n', textContent: n })));
    }
    const id = `h-${label}`;
    main.append(el('h2', { id, textContent: title }), ul);
    ul.setAttribute('aria-labelledby', id);
  }
  const ql = el('ul', { className: 'quotes' });
  ql.setAttribute('aria-labelledby', 'h-quotes');
  for (const q of payload.quotes) {
    const who = q.speaker ?? 'Unknown speaker';
    ql.append(item(tabId, q.id, `Quote by ${who}: ${q.text}`, el('span', { className: 'who', textContent: `${who}: ` }), el('span', { className: 'said', textContent: `“${q.text}”` })));
  }
  main.append(el('h2', { id: 'h-quotes', textContent: 'Quotes' }), payload.quotes.length ? ql : el('p', { textContent: 'No quotes found.' }));
}

async function main() {
  const tabId = await targetTab();
  const [{ result: blocks }] = await chrome.scripting.executeScript({ target: { tabId }, files: ['lib/highlight.js', 'content.js'] });
  if (!blocks?.length) {
    $('status').textContent = 'No article text found on this page.';
    return;
  }
  await ready;
  const payload = summarise(blocks);
  const [{ result: shown }] = await chrome.scripting.executeScript({
    target: { tabId },
    func: (p) => globalThis.__newsmark.show(p),
    args: [payload],
  });
  render(tabId, payload);
  const count = (label) => payload.entities.filter((e) => e.label === label).length;
  const n = (k, one, many) => `${k} ${k === 1 ? one : many}`;
  $('status').textContent =
    `${n(count('PER'), 'person', 'people')}, ${n(count('ORG'), 'organisation', 'organisations')}, ` +
    `${n(count('LOC'), 'place', 'places')}, ${n(payload.quotes.length, 'quote', 'quotes')} ` +
    `· ${n(shown.painted, 'highlight', 'highlights')} on the page`;
  document.body.dataset.tab = String(tabId);
  document.body.dataset.ready = 'true';
  const clear = $('clear');
  clear.hidden = false;
  clear.addEventListener('click', async () => {
    await chrome.scripting.executeScript({ target: { tabId }, func: () => globalThis.__newsmark?.clear() });
    $('lists').replaceChildren();
    $('status').textContent = 'Highlights removed.';
    clear.hidden = true;
  });
  $('lists').querySelector('button')?.focus();
}

main().catch((e) => {
  console.error('newsmark:', e);
  $('status').textContent = `newsmark could not read this page: ${e.message}`;
  document.body.dataset.ready = 'error';
});

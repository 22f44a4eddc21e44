// The extension's service worker: on the toolbar action, collect the page's main text blocks,
// analyse them here (the module ships inside the extension), and let the content script paint
// the highlights and show the panel. No network: everything is local.
import { init, analyze } from './lib/newsmark.js';

const ready = init(chrome.runtime.getURL('lib/pkg/newsmark_bg.wasm'));
const SEPARATOR = '\n\n';
const NAMES = { PER: 'Person', ORG: 'Organisation', LOC: 'Place', MISC: 'Other name' };

chrome.action.onClicked.addListener((tab) => {
  markTab(tab.id).catch((e) => {
    console.error('newsmark:', e);
    chrome.action.setBadgeText({ tabId: tab.id, text: '!' });
    chrome.action.setTitle({ tabId: tab.id, title: `newsmark: ${e.message}` });
  });
});

/** Everything the content script needs, computed from the blocks' texts. */
export function summarise(blocks) {
  const input = blocks.join(SEPARATOR);
  const r = analyze(input);
  const spans = [];
  // Input coordinates: the blocks as they are on the page (cleaning may drop junk inside them).
  r.mentions.forEach((m, i) =>
    spans.push({ id: `m${i}`, start: m.inputStart, end: m.inputEnd, kind: m.label, group: `e${m.entity}`, label: `${NAMES[m.label]}: ${r.entities[m.entity]?.name ?? m.text}` }),
  );
  r.quotes.forEach((q, i) => {
    const who = q.speaker ? (r.entities[q.speaker.entity]?.name ?? q.speaker.text) : 'unknown speaker';
    for (const c of q.content) spans.push({ id: `q${i}`, start: c.inputStart, end: c.inputEnd, kind: 'quote', group: `q${i}`, label: `Quote by ${who}` });
    if (q.speaker) spans.push({ id: `s${i}`, start: q.speaker.inputStart, end: q.speaker.inputEnd, kind: 'speaker', group: `q${i}`, label: `Speaker: ${who}` });
  });
  const entities = r.entities.map((e) => ({ id: e.id, label: e.label, name: e.name, count: e.mentions.length, first: `m${e.mentions[0]}` }));
  const quotes = r.quotes.map((q, i) => ({
    id: `q${i}`,
    speaker: q.speaker ? (r.entities[q.speaker.entity]?.name ?? q.speaker.text) : null,
    text: q.content.map((c) => input.slice(c.inputStart, c.inputEnd)).join(' … '),
  }));
  return { separator: SEPARATOR, spans, entities, quotes };
}

async function markTab(tabId) {
  await ready;
  const [{ result: blocks }] = await chrome.scripting.executeScript({
    target: { tabId },
    files: ['lib/highlight.js', 'content.js'],
  });
  const payload = summarise(blocks ?? []);
  await chrome.scripting.executeScript({
    target: { tabId },
    func: (p) => globalThis.__newsmark.show(p),
    args: [payload],
  });
  chrome.action.setBadgeText({ tabId, text: String(payload.entities.length) });
}

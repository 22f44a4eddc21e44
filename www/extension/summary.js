// What the popup lists and the content script paints, computed from the texts of the page's main
// blocks. A plain ES module (no chrome.* use), so the Node tests can import it.
import { analyze } from './lib/newsmark.js';

export const SEPARATOR = '\n\n';
export const NAMES = { PER: 'Person', ORG: 'Organisation', LOC: 'Place', MISC: 'Other name' };

/**
 * Analyses the blocks (joined with SEPARATOR) and returns
 * { separator, spans, entities, quotes }: spans in the coordinates of the joined blocks as they
 * are on the page (input offsets: cleaning may drop junk inside them), entities with their
 * mention count and quote count, quotes with their speaker's name.
 */
export function summarise(blocks) {
  const input = blocks.join(SEPARATOR);
  // Quotes below confidence 0.5 (scare quotes, quoted titles, guesses) are not attributions.
  const r = analyze(input, { minConfidence: 0.5 });
  const spans = [];
  const entityName = (i, fallback) => r.entities[i]?.name ?? fallback;
  r.mentions.forEach((m, i) =>
    spans.push({ id: `m${i}`, start: m.inputStart, end: m.inputEnd, kind: m.label, group: `e${m.entity}`, label: `${NAMES[m.label]}: ${entityName(m.entity, m.text)}` }),
  );
  const quotesBy = new Map();
  r.quotes.forEach((q, i) => {
    const who = q.speaker ? entityName(q.speaker.entity, q.speaker.text) : 'unknown speaker';
    if (q.speaker && q.speaker.entity != null) quotesBy.set(q.speaker.entity, (quotesBy.get(q.speaker.entity) ?? 0) + 1);
    for (const c of q.content) spans.push({ id: `q${i}`, start: c.inputStart, end: c.inputEnd, kind: 'quote', group: `q${i}`, label: `Quote by ${who}` });
    if (q.speaker) spans.push({ id: `s${i}`, start: q.speaker.inputStart, end: q.speaker.inputEnd, kind: 'speaker', group: `q${i}`, label: `Speaker: ${who}` });
  });
  const entities = r.entities.map((e) => ({ id: e.id, label: e.label, name: e.name, count: e.mentions.length, quotes: quotesBy.get(e.id) ?? 0 }));
  const quotes = r.quotes.map((q, i) => ({
    id: `q${i}`,
    speaker: q.speaker ? entityName(q.speaker.entity, q.speaker.text) : null,
    text: q.content.map((c) => input.slice(c.inputStart, c.inputEnd)).join(' … '),
  }));
  return { separator: SEPARATOR, spans, entities, quotes };
}

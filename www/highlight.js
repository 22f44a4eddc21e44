// The shared highlighter of the demo page and the extension.
//
// Maps spans given in UTF-16 offsets into the text of a block element (the concatenation of its
// text nodes) onto the DOM: a span may cross element boundaries inside its block (a name split
// by <b> or a link is one highlight) but never leaves the block; every piece of a span carries
// the span's id. Painting uses the CSS Custom Highlight API when the browser has it (the page's
// DOM is not touched) and falls back to <mark> elements. Hit-testing (which spans are under a
// point or an event) works in both modes.
//
// A span: { id, start, end, kind, label?, group? }
//   id     string shared by all pieces of the span (e.g. "m12", "q3")
//   kind   the layer: a CSS-safe word ("PER", "ORG", "LOC", "MISC", "quote", "cue", "removed"…)
//   label  accessible name (title / aria) of the highlight
//   group  optional group key (e.g. the entity id) for activate()

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE', 'svg', 'SVG']);

/** The text nodes of `block` with their UTF-16 offsets, and the block's text. */
function textIndex(block) {
  const nodes = [];
  let text = '';
  const doc = block.ownerDocument;
  const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */, {
    acceptNode(n) {
      for (let p = n.parentNode; p && p !== block; p = p.parentNode) {
        if (SKIP.has(p.nodeName)) return 2; // FILTER_REJECT
      }
      return 1; // FILTER_ACCEPT
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n, start: text.length });
    text += n.data;
  }
  return { block, nodes, text };
}

/** Index of the last text node starting at or before `offset`. */
function nodeAt(index, offset) {
  let lo = 0;
  let hi = index.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.nodes[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The pieces [{node, from, to}] of `start..end` (block offsets), one per text node it touches. */
function pieces(index, start, end) {
  const out = [];
  if (!index.nodes.length || end <= start) return out;
  for (let i = nodeAt(index, start); i < index.nodes.length; i++) {
    const { node, start: s } = index.nodes[i];
    const e = s + node.data.length;
    if (s >= end) break;
    const from = Math.max(start, s) - s;
    const to = Math.min(end, e) - s;
    if (to > from) out.push({ node, from, to });
  }
  return out;
}

/** The block offset of a DOM position (a text node and an offset in it), or -1. */
function offsetOf(index, node, offset) {
  for (const n of index.nodes) if (n.node === node) return n.start + offset;
  return -1;
}

function hasHighlightApi(win) {
  return typeof win.Highlight === 'function' && win.CSS && win.CSS.highlights;
}

/**
 * Creates a highlighter for one document.
 * options.mode: 'auto' (Highlight API when available), 'highlights' or 'marks'.
 * options.prefix: prefix of highlight names and classes (default 'nm').
 */
function createHighlighter(options = {}) {
  const doc = options.document ?? globalThis.document;
  const win = doc.defaultView ?? globalThis;
  const prefix = options.prefix ?? 'nm';
  const wanted = options.mode ?? 'auto';
  const mode = wanted === 'marks' || (wanted === 'auto' && !hasHighlightApi(win)) ? 'marks' : 'highlights';
  if (mode === 'highlights' && !hasHighlightApi(win)) throw new Error('the CSS Custom Highlight API is not available');

  const blocks = []; // { index, spans }
  const hidden = new Set();
  let active = null; // { ids:Set }
  const ranges = new Map(); // kind -> Range[] (highlights mode)
  const byId = new Map(); // id -> { span, parts: [{block, ranges|marks}] }
  let described = null; // the accessible list, once describe() made it

  function name(kind) {
    return `${prefix}-${kind}`;
  }

  function paint(block, spans) {
    const index = textIndex(block);
    const len = index.text.length;
    const clipped = [];
    for (const s of spans) {
      const start = Math.max(0, s.start | 0);
      const end = Math.min(len, s.end | 0);
      if (end > start) clipped.push({ ...s, start, end, id: String(s.id) });
    }
    const entry = { index, spans: clipped };
    blocks.push(entry);
    if (mode === 'highlights') {
      for (const s of clipped) {
        const ps = pieces(index, s.start, s.end);
        if (!ps.length) continue;
        const r = doc.createRange();
        r.setStart(ps[0].node, ps[0].from);
        r.setEnd(ps[ps.length - 1].node, ps[ps.length - 1].to);
        if (!ranges.has(s.kind)) ranges.set(s.kind, []);
        ranges.get(s.kind).push(r);
        record(s, r);
      }
      refresh();
    } else {
      paintMarks(index, clipped);
    }
    if (described) fillDescription();
    return clipped.length;
  }

  function record(span, part) {
    if (!byId.has(span.id)) byId.set(span.id, { span, parts: [] });
    byId.get(span.id).parts.push(part);
  }

  function paintMarks(index, spans) {
    const perNode = new Map();
    for (const s of spans) {
      for (const p of pieces(index, s.start, s.end)) {
        if (!perNode.has(p.node)) perNode.set(p.node, []);
        perNode.get(p.node).push({ ...p, span: s });
      }
    }
    for (const [node, list] of perNode) {
      const cuts = new Set([0, node.data.length]);
      for (const p of list) {
        cuts.add(p.from);
        cuts.add(p.to);
      }
      const points = [...cuts].sort((a, b) => a - b);
      const frag = doc.createDocumentFragment();
      for (let i = 0; i + 1 < points.length; i++) {
        const a = points[i];
        const b = points[i + 1];
        let el = doc.createTextNode(node.data.slice(a, b));
        // Outer marks for longer spans, so quotes wrap the names inside them.
        const covering = list
          .filter((p) => p.from <= a && p.to >= b)
          .sort((x, y) => x.span.end - x.span.start - (y.span.end - y.span.start) || (x.span.id < y.span.id ? 1 : -1));
        for (const p of covering) {
          const m = doc.createElement('mark');
          m.className = `${prefix} ${name(p.span.kind)}`;
          m.dataset[`${prefix}Id`] = p.span.id;
          m.dataset[`${prefix}Kind`] = p.span.kind;
          if (p.span.group !== undefined) m.dataset[`${prefix}Group`] = String(p.span.group);
          if (p.span.label) m.title = p.span.label;
          if (hidden.has(p.span.kind)) m.classList.add(`${prefix}-hidden`);
          m.appendChild(el);
          el = m;
          record(p.span, m);
        }
        frag.appendChild(el);
      }
      node.replaceWith(frag);
    }
  }

  function refresh() {
    if (mode !== 'highlights') return;
    for (const [kind, list] of ranges) {
      if (hidden.has(kind)) win.CSS.highlights.delete(name(kind));
      else win.CSS.highlights.set(name(kind), new win.Highlight(...list));
    }
    if (active) {
      const list = [];
      for (const id of active.ids) for (const r of byId.get(id)?.parts ?? []) list.push(r);
      win.CSS.highlights.set(name('active'), new win.Highlight(...list));
    } else {
      win.CSS.highlights.delete(name('active'));
    }
  }

  /** Shows or hides one layer (a span kind). */
  function setLayer(kind, visible) {
    if (visible) hidden.delete(kind);
    else hidden.add(kind);
    if (mode === 'highlights') refresh();
    else {
      for (const { parts, span } of byId.values()) {
        if (span.kind !== kind) continue;
        for (const m of parts) m.classList.toggle(`${prefix}-hidden`, !visible);
      }
    }
    if (described) fillDescription();
  }

  /** Emphasises the spans whose id is in `ids` (or whose group is `group`); returns the first piece. */
  function activate(which) {
    deactivate();
    const ids = new Set();
    for (const { span } of byId.values()) {
      if ((which.ids && which.ids.includes(span.id)) || (which.group !== undefined && span.group === which.group)) {
        ids.add(span.id);
      }
    }
    active = { ids };
    if (mode === 'highlights') refresh();
    else for (const id of ids) for (const m of byId.get(id).parts) m.classList.add(`${prefix}-active`);
    return first([...ids]);
  }

  function deactivate() {
    if (!active) return;
    if (mode === 'marks') {
      for (const id of active.ids) for (const m of byId.get(id)?.parts ?? []) m.classList.remove(`${prefix}-active`);
    }
    active = null;
    if (mode === 'highlights') refresh();
  }

  /** The first piece (a Range or a mark element) of the given spans in document order. */
  function first(ids) {
    let best = null;
    for (const id of ids) {
      for (const p of byId.get(id)?.parts ?? []) {
        const node = p.startContainer ?? p;
        if (!best) best = p;
        else {
          const b = best.startContainer ?? best;
          if (b.compareDocumentPosition(node) & 2 /* PRECEDING */) best = p;
        }
      }
    }
    return best;
  }

  /** Scrolls the first piece of span `id` into view; returns whether it exists. */
  function scrollTo(id, opts = { block: 'center', behavior: 'smooth' }) {
    const p = first([String(id)]);
    if (!p) return false;
    const el = p.startContainer ? p.startContainer.parentElement : p;
    el?.scrollIntoView(opts);
    return true;
  }

  /** The spans under a DOM position, innermost first. */
  function spansAtPosition(node, offset) {
    for (const { index, spans } of blocks) {
      if (!index.block.contains(node)) continue;
      const at = offsetOf(index, node, offset);
      if (at < 0) return [];
      return spans
        .filter((s) => s.start <= at && at < s.end && !hidden.has(s.kind))
        .sort((a, b) => a.end - a.start - (b.end - b.start));
    }
    return [];
  }

  /** The spans under the viewport point (x, y), innermost first. */
  function spansAtPoint(x, y) {
    if (mode === 'marks') {
      let el = doc.elementFromPoint(x, y);
      const out = [];
      for (; el; el = el.parentElement) {
        if (el.dataset && el.dataset[`${prefix}Id`] && !el.classList.contains(`${prefix}-hidden`)) {
          out.push(byId.get(el.dataset[`${prefix}Id`]).span);
        }
      }
      return out;
    }
    let node = null;
    let offset = 0;
    if (doc.caretPositionFromPoint) {
      const p = doc.caretPositionFromPoint(x, y);
      if (p) ({ offsetNode: node, offset } = p);
    } else if (doc.caretRangeFromPoint) {
      const r = doc.caretRangeFromPoint(x, y);
      if (r) ({ startContainer: node, startOffset: offset } = r);
    }
    return node && node.nodeType === 3 ? spansAtPosition(node, offset) : [];
  }

  /**
   * The accessible alternative to the painting. The CSS Custom Highlight API paints no DOM, so
   * screen readers and keyboard users would get nothing from it: this adds to `container`
   * (default: the body) a navigation landmark listing every highlight in document order by its
   * label and text, visually hidden until it holds keyboard focus, and a polite live region that
   * announces what was marked. Focusing an item emphasises its highlight (activate) and scrolls
   * to it; Up/Down/Home/End move between items, Escape leaves the list. Kept up to date by
   * paint() and removed by clear(). Works in both modes.
   * opts.title: the landmark's name; opts.kinds: kind -> plural noun for the announcement.
   */
  function describe(container = doc.body, opts = {}) {
    undescribe();
    const nav = doc.createElement('nav');
    nav.setAttribute('aria-label', opts.title ?? 'Highlights');
    nav.className = `${prefix}-described`;
    const hiddenStyle = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;';
    const shownStyle =
      'position:fixed;left:12px;bottom:12px;z-index:2147483647;max-width:min(420px,90vw);max-height:40vh;overflow:auto;' +
      'background:#fff;color:#1d1d1f;border:2px solid #0072b2;border-radius:8px;padding:6px 8px;font:14px/1.4 system-ui,sans-serif;';
    nav.style.cssText = hiddenStyle;
    nav.addEventListener('focusin', () => (nav.style.cssText = shownStyle));
    nav.addEventListener('focusout', (e) => {
      if (!nav.contains(e.relatedTarget)) {
        nav.style.cssText = hiddenStyle;
        deactivate();
      }
    });
    const heading = doc.createElement('h2');
    heading.textContent = opts.title ?? 'Highlights';
    heading.style.cssText = 'font-size:14px;margin:0 0 4px;';
    const list = doc.createElement('ol');
    list.style.cssText = 'margin:0;padding-left:1.4em;';
    list.addEventListener('keydown', (e) => {
      const items = [...list.querySelectorAll('button')];
      const at = items.indexOf(e.target);
      if (at < 0) return;
      const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
      if (e.key === 'Escape') {
        items[at].blur();
        e.preventDefault();
      } else if (to !== undefined) {
        items[Math.max(0, Math.min(items.length - 1, to))].focus();
        e.preventDefault();
      }
    });
    const live = doc.createElement('p');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.style.cssText = hiddenStyle;
    nav.append(heading, list);
    container.append(live, nav);
    described = { nav, list, live, kinds: opts.kinds ?? {} };
    fillDescription();
    return nav;
  }

  function fillDescription() {
    const { list, live, kinds } = described;
    const items = [];
    blocks.forEach(({ index, spans }, b) => {
      for (const s of spans) items.push({ b, s, text: index.text.slice(s.start, s.end) });
    });
    items.sort((x, y) => x.b - y.b || x.s.start - y.s.start || y.s.end - x.s.end);
    const seen = new Map(); // id -> item of the list (the pieces of one span are one entry)
    const counts = new Map();
    const rows = [];
    for (const { s, text } of items) {
      if (hidden.has(s.kind)) continue;
      if (seen.has(s.id)) {
        seen.get(s.id).text += ` … ${text}`;
        continue;
      }
      const row = { s, text };
      seen.set(s.id, row);
      rows.push(row);
      counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
    }
    list.replaceChildren(
      ...rows.map(({ s, text }) => {
        const li = doc.createElement('li');
        const b = doc.createElement('button');
        b.type = 'button';
        b.dataset[`${prefix}Id`] = s.id;
        const quoted = text.length > 120 ? `${text.slice(0, 117)}…` : text;
        b.textContent = `${s.label ?? s.kind}: “${quoted}”`;
        b.style.cssText = 'all:unset;cursor:pointer;display:block;padding:1px 4px;border-radius:4px;';
        const go = () => {
          activate({ ids: [s.id] });
          scrollTo(s.id, { block: 'center' });
        };
        b.addEventListener('focus', () => {
          b.style.outline = '2px solid #0072b2';
          go();
        });
        b.addEventListener('blur', () => (b.style.outline = ''));
        b.addEventListener('click', go);
        li.append(b);
        return li;
      }),
    );
    const parts = [...counts].map(([kind, n]) => `${n} ${kinds[kind] ?? kind}`);
    const summary = rows.length ? `${rows.length} passages marked: ${parts.join(', ')}.` : 'Nothing marked.';
    // A live region announces changes made after it is in the document.
    setTimeout(() => {
      if (described?.live === live) live.textContent = summary;
    }, 50);
    described.summary = summary;
  }

  function undescribe() {
    if (!described) return;
    described.nav.remove();
    described.live.remove();
    described = null;
  }

  /** Removes every highlight this highlighter made. */
  function clear() {
    undescribe();
    if (mode === 'highlights') {
      for (const kind of ranges.keys()) win.CSS.highlights.delete(name(kind));
      win.CSS.highlights.delete(name('active'));
    } else {
      const parents = new Set();
      for (const { parts } of byId.values()) {
        for (const m of parts) {
          if (!m.parentNode) continue;
          parents.add(m.parentNode);
          m.replaceWith(...m.childNodes);
        }
      }
      for (const p of parents) p.normalize?.();
    }
    blocks.length = 0;
    ranges.clear();
    byId.clear();
    active = null;
  }

  return {
    mode,
    paint,
    setLayer,
    activate,
    deactivate,
    scrollTo,
    spansAtPoint,
    spansAtPosition,
    describe,
    clear,
    /** The span with this id. */
    span: (id) => byId.get(String(id))?.span ?? null,
    /** How many DOM pieces (ranges or marks) span `id` has. */
    pieceCount: (id) => byId.get(String(id))?.parts.length ?? 0,
  };
}

/**
 * Splits result spans (offsets into the analysed text) over blocks whose texts were joined with
 * `separator`: returns, per block, the spans clipped to it with block-relative offsets. A span
 * crossing blocks yields one piece per block, all with the same id.
 */
function splitOverBlocks(blockTexts, spans, separator = '\n\n') {
  const starts = [];
  let at = 0;
  for (const t of blockTexts) {
    starts.push(at);
    at += t.length + separator.length;
  }
  const out = blockTexts.map(() => []);
  for (const s of spans) {
    let i = nodeAt({ nodes: starts.map((start) => ({ start })) }, s.start);
    for (; i < blockTexts.length && starts[i] < s.end; i++) {
      const start = Math.max(s.start, starts[i]) - starts[i];
      const end = Math.min(s.end, starts[i] + blockTexts[i].length) - starts[i];
      if (end > start) out[i].push({ ...s, start, end });
    }
  }
  return out;
}

export { createHighlighter, splitOverBlocks, textIndex };

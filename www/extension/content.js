// The content script (a classic script, injected by the action popup after lib/highlight.js).
// collect(): the page's main text blocks; show(payload): paint highlights with the shared
// highlighter (CSS Custom Highlight API, so the page's DOM is left alone) plus its accessible
// list of highlights and a hover tooltip; reveal(group), also by message from the popup: mark
// an item and scroll to it. Page text is only ever read and shown as text, never as HTML.
(() => {
  if (globalThis.__newsmark) return;
  const H = globalThis.__newsmarkHighlight;
  const BLOCKS = 'p, h1, h2, h3, h4, blockquote, li, dd, pre';
  const BOILERPLATE = 'nav, header, footer, aside, form, menu, dialog, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [aria-hidden="true"]';
  const COLOURS = {
    PER: 'rgb(230 159 0 / 0.35)',
    ORG: 'rgb(86 180 233 / 0.35)',
    LOC: 'rgb(0 158 115 / 0.3)',
    MISC: 'rgb(204 121 167 / 0.35)',
    quote: 'rgb(240 228 66 / 0.4)',
  };
  const state = { blocks: [], highlighter: null, host: null };

  /** The article's root: <article>, <main>, or the body. */
  function articleRoot() {
    const articles = [...document.querySelectorAll('article')];
    if (articles.length) return articles.sort((a, b) => b.innerText.length - a.innerText.length)[0];
    return document.querySelector('main, [role="main"]') ?? document.body;
  }

  function visible(el) {
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  }

  function collect() {
    const root = articleRoot();
    const blocks = [];
    for (const el of root.querySelectorAll(BLOCKS)) {
      if (el.closest(BOILERPLATE) && !root.matches(BOILERPLATE)) continue;
      if (el.closest('#newsmark-host')) continue;
      if (el.querySelector(BLOCKS)) continue; // take the innermost blocks
      if (!visible(el)) continue;
      const text = H.textIndex(el).text;
      if (!text.trim()) continue;
      if (el.matches('li') && text.trim().length < 40) continue; // menus and link lists
      blocks.push(el);
    }
    state.blocks = blocks;
    return blocks.map((el) => H.textIndex(el).text);
  }

  function style() {
    if (document.getElementById('newsmark-style')) return;
    const s = document.createElement('style');
    s.id = 'newsmark-style';
    const rules = Object.entries(COLOURS).map(([k, c]) => `::highlight(newsmark-${k}) { background-color: ${c}; }`);
    rules.push('::highlight(newsmark-speaker) { text-decoration: underline solid rgb(213 94 0) 3px; }');
    rules.push('::highlight(newsmark-active) { background-color: rgb(0 114 178 / 0.45); }');
    rules.push('mark.newsmark { color: inherit; background: none; }');
    for (const [k, c] of Object.entries(COLOURS)) rules.push(`mark.newsmark-${k} { background: ${c}; }`);
    rules.push('mark.newsmark-speaker { text-decoration: underline solid rgb(213 94 0) 3px; }');
    rules.push('mark.newsmark-active { outline: 3px solid rgb(0 114 178); }');
    s.textContent = rules.join('\n');
    document.head.append(s);
  }

  function el(tag, props = {}, ...children) {
    const e = document.createElement(tag);
    Object.assign(e, props);
    e.append(...children);
    return e;
  }

  /**
   * Our own host element at the end of the page (a shadow root, so page styles do not reach in):
   * the hover tooltip and the highlighter's accessible list of highlights.
   */
  function host() {
    state.host?.remove();
    const h = el('div', { id: 'newsmark-host' });
    const root = h.attachShadow({ mode: 'open' });
    const css = el('style');
    css.textContent = `
      :host { all: initial; }
      .tip { position: fixed; z-index: 2147483647; max-width: 280px; background: #1d1d1f; color: #fff; padding: 4px 8px;
        border-radius: 6px; font: 13px/1.35 system-ui, sans-serif; pointer-events: none; }`;
    const tip = el('div', { className: 'tip', role: 'tooltip', hidden: true });
    root.append(css, tip);
    state.tip = tip;
    document.documentElement.append(h);
    state.host = h;
    return root;
  }

  /** Marks every span of `group` and scrolls to the first; returns whether there was one. */
  function reveal(group) {
    if (!state.highlighter) return false;
    const first = state.highlighter.activate({ group });
    const target = first?.startContainer ? first.startContainer.parentElement : first;
    if (!target) return false;
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return true;
  }

  // The popup asks for an item by message.
  chrome.runtime.onMessage.addListener((message, _sender, reply) => {
    if (message?.type === 'newsmark-reveal') reply({ ok: reveal(String(message.group)) });
  });

  // Hover tooltips: the highlighter's own hit-testing (the Highlight API has no elements to hover).
  let frame = 0;
  document.addEventListener('mousemove', (e) => {
    if (!state.highlighter || frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const tip = state.tip;
      if (!tip || !state.highlighter) return;
      const spans = state.highlighter.spansAtPoint(e.clientX, e.clientY).filter((s) => s.label);
      tip.hidden = spans.length === 0;
      if (tip.hidden) return;
      tip.replaceChildren(...spans.map((s) => el('div', { textContent: s.label })));
      tip.style.left = `${Math.min(e.clientX + 12, innerWidth - 290)}px`;
      tip.style.top = `${e.clientY + 16}px`;
    });
  });

  function clear() {
    state.tip = null;
    state.highlighter?.clear();
    state.highlighter = null;
    state.host?.remove();
    state.host = null;
  }

  function show(payload) {
    clear();
    style();
    const hl = H.createHighlighter({ prefix: 'newsmark' });
    const texts = state.blocks.map((b) => H.textIndex(b).text);
    const per = H.splitOverBlocks(texts, payload.spans, payload.separator);
    let painted = 0;
    state.blocks.forEach((b, i) => (painted += hl.paint(b, per[i])));
    state.highlighter = hl;
    // Highlights painted by the Highlight API are invisible to assistive technology: list them.
    hl.describe(host(), {
      title: 'Highlights by newsmark',
      kinds: { PER: 'people', ORG: 'organisations', LOC: 'places', MISC: 'other names', quote: 'quotes', speaker: 'speakers' },
    });
    return { painted, mode: hl.mode };
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.highlighter && !e.composedPath().some((n) => n === state.host)) clear();
  });

  globalThis.__newsmark = { collect, show, clear, reveal, state };
})();

globalThis.__newsmark.collect();

// The content script (a classic script, injected on the toolbar action after lib/highlight.js).
// collect(): the page's main text blocks; show(payload): paint highlights with the shared
// highlighter (CSS Custom Highlight API, so the page's DOM is left alone where possible) and show
// a panel listing people, organisations, places and quotes. Page text is only ever read and
// shown as text, never as HTML.
(() => {
  if (globalThis.__newsmark) return;
  const H = globalThis.__newsmarkHighlight;
  const BLOCKS = 'p, h1, h2, h3, h4, blockquote, li, dd, pre';
  const BOILERPLATE = 'nav, header, footer, aside, form, menu, dialog, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [aria-hidden="true"]';
  const LABELS = { PER: 'People', ORG: 'Organisations', LOC: 'Places', MISC: 'Other names' };
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
      if (el.closest('#newsmark-panel-host')) continue;
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

  function panel(payload) {
    state.host?.remove();
    const host = el('div', { id: 'newsmark-panel-host' });
    const root = host.attachShadow({ mode: 'open' });
    const css = el('style');
    css.textContent = `
      :host { all: initial; }
      .panel { position: fixed; top: 12px; right: 12px; z-index: 2147483647; width: 320px; max-height: calc(100vh - 24px);
        overflow: auto; background: #fff; color: #1d1d1f; border: 1px solid #ccc; border-radius: 10px;
        box-shadow: 0 6px 24px rgb(0 0 0 / 0.2); font: 14px/1.4 system-ui, sans-serif; padding: 10px 12px; }
      @media (prefers-color-scheme: dark) { .panel { background: #1f1f25; color: #ececf1; border-color: #444; } }
      h2 { font-size: 15px; margin: 0 0 6px; display: flex; justify-content: space-between; align-items: center; }
      h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; margin: 10px 0 4px; opacity: .75; }
      ul { list-style: none; margin: 0; padding: 0; }
      button.item { all: unset; box-sizing: border-box; display: block; width: 100%; padding: 3px 6px; border-radius: 5px; cursor: pointer; }
      button.item:hover, button.item:focus-visible { outline: 2px solid #0072b2; }
      .n { opacity: .7; float: right; }
      .who { font-weight: 600; }
      .said { font-style: italic; }
      .tip { position: fixed; z-index: 2147483647; max-width: 280px; background: #1d1d1f; color: #fff; padding: 4px 8px;
        border-radius: 6px; font: 13px/1.35 system-ui, sans-serif; pointer-events: none; }
      button.close { font: inherit; cursor: pointer; border: 1px solid #999; border-radius: 5px; background: none; color: inherit; }`;
    const box = el('section', { className: 'panel', role: 'dialog', ariaLabel: 'newsmark' });
    const close = el('button', { className: 'close', type: 'button', textContent: 'Close' });
    close.addEventListener('click', clear);
    box.append(el('h2', {}, el('span', { textContent: 'newsmark' }), close));
    for (const label of ['PER', 'ORG', 'LOC', 'MISC']) {
      const list = payload.entities.filter((e) => e.label === label).sort((a, b) => b.count - a.count);
      if (!list.length) continue;
      const ul = el('ul', { className: `entities ${label}` });
      for (const e of list) {
        const b = el('button', { className: 'item', type: 'button' }, el('span', { className: 'name', textContent: e.name }), el('span', { className: 'n', textContent: `${e.count}×` }));
        b.style.background = COLOURS[label];
        b.dataset.entity = String(e.id);
        b.addEventListener('click', () => focus({ group: `e${e.id}` }));
        ul.append(el('li', {}, b));
      }
      box.append(el('h3', { textContent: LABELS[label] }), ul);
    }
    const ql = el('ul', { className: 'quotes' });
    for (const q of payload.quotes) {
      const b = el('button', { className: 'item', type: 'button' }, el('span', { className: 'who', textContent: `${q.speaker ?? 'Unknown'}: ` }), el('span', { className: 'said', textContent: `“${q.text}”` }));
      b.dataset.quote = q.id;
      b.addEventListener('click', () => focus({ group: q.id }));
      ql.append(el('li', {}, b));
    }
    box.append(el('h3', { textContent: 'Quotes' }), ql);
    const tip = el('div', { className: 'tip', role: 'tooltip', hidden: true });
    root.append(css, box, tip);
    state.tip = tip;
    document.documentElement.append(host);
    state.host = host;
    close.focus();
  }

  function focus(which) {
    const first = state.highlighter.activate(which);
    const target = first?.startContainer ? first.startContainer.parentElement : first;
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

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
    panel(payload);
    return { painted, mode: hl.mode };
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.host) clear();
  });

  globalThis.__newsmark = { collect, show, clear, state };
})();

globalThis.__newsmark.collect();

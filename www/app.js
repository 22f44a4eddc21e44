// The demo page: analyses the article in a Worker and renders the result. Article text only
// ever reaches the DOM as text nodes (textContent), never as HTML.
import { createWorkerAnalyzer, init, analyze as analyzeHere } from './newsmark.js';
import { createHighlighter } from './highlight.js';

const $ = (id) => document.getElementById(id);
const LABELS = { PER: 'Person', ORG: 'Organisation', LOC: 'Place', MISC: 'Other name' };
const LABEL_ORDER = ['PER', 'ORG', 'LOC', 'MISC'];
const BIG = 200_000; // characters from which a progress bar is shown at once
// The analysis is one call into the module and takes time linear in the text's length, so its
// progress is estimated from the speed measured on this machine: characters per millisecond of
// the last long text (a cautious guess until then).
let charsPerMs = 400;

const state = {
  result: null,
  input: '',
  highlighter: null,
  cleaningHighlighter: null,
  request: 0,
  hidden: new Set(),
};

// ---- the analyzer: a Worker, or the main thread when Workers are unavailable -------------
// Quotes below confidence 0.5 (scare quotes, quoted titles, guesses) are not attributions.
const OPTIONS = { minConfidence: 0.5 };
let analyzer = null;
async function startAnalyzer() {
  try {
    const w = createWorkerAnalyzer();
    await w.ready();
    analyzer = { analyze: (t) => w.analyze(t, OPTIONS), version: () => w.version(), where: 'worker' };
  } catch (e) {
    console.warn('newsmark: Worker unavailable, analysing on the main thread:', e.message);
    await init();
    analyzer = { analyze: async (t) => analyzeHere(t, OPTIONS), version: async () => '', where: 'main' };
  }
  document.body.dataset.analyzer = analyzer.where;
  $('version').textContent = await analyzer.version();
}

function setStatus(text, busy = false) {
  $('status-text').textContent = text;
  $('progress').hidden = !busy;
  $('progress-pct').hidden = !busy;
  if (!busy) stopProgress();
  document.body.dataset.busy = busy ? 'true' : 'false';
}

let progressTimer = null;
/** Shows the estimated percentage done of analysing `chars` characters started at `t0`. */
function startProgress(chars, t0) {
  stopProgress();
  const expected = Math.max(1, chars / charsPerMs);
  const bar = $('progress');
  bar.max = 100;
  const tick = () => {
    const pct = Math.min(99, Math.floor((100 * (performance.now() - t0)) / expected));
    bar.value = pct;
    bar.setAttribute('aria-valuetext', `about ${pct} percent`);
    $('progress-pct').textContent = `${pct} %`;
  };
  tick();
  progressTimer = setInterval(tick, 100);
}

function stopProgress() {
  clearInterval(progressTimer);
  progressTimer = null;
  $('progress').removeAttribute('value'); // indeterminate again
  $('progress-pct').textContent = '';
}

function size(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : String(n);
}

async function run() {
  const text = $('text').value;
  const id = ++state.request;
  const t0 = performance.now();
  let slow = null;
  const busy = () => {
    setStatus(`Analysing ${size(text.length)} characters…`, true);
    startProgress(text.length, t0);
  };
  if (text.length >= BIG) busy();
  else slow = setTimeout(busy, 150);
  try {
    const result = await analyzer.analyze(text);
    const took = performance.now() - t0;
    if (text.length >= 20_000 && took > 0) charsPerMs = text.length / took;
    if (id !== state.request) return; // a newer request superseded this one
    state.input = text;
    state.result = result;
    render();
    const ms = Math.round(performance.now() - t0);
    setStatus(
      `${result.mentions.length} mentions of ${result.entities.length} entities, ${result.quotes.length} quotes, ` +
        `${result.removed.length} removals · ${size(text.length)} characters in ${ms} ms`,
    );
    document.body.dataset.analysed = String(id);
  } catch (e) {
    if (id !== state.request) return;
    setStatus(`Error: ${e.message}`);
    console.warn(e);
  } finally {
    clearTimeout(slow);
  }
}

let timer = null;
function scheduleRun() {
  if (!$('live').checked) return;
  clearTimeout(timer);
  const wait = $('text').value.length > BIG ? 800 : 300;
  timer = setTimeout(run, wait);
}

// ---- rendering -----------------------------------------------------------------------------
function entityName(r, i) {
  return i === null || i === undefined ? null : r.entities[i]?.name ?? null;
}

function speakerName(r, q) {
  if (!q.speaker) return 'unknown';
  return entityName(r, q.speaker.entity) ?? q.speaker.text;
}

function quoteText(r, q) {
  return q.content.map((c) => r.text.slice(c.start, c.end)).join(' … ');
}

/** The spans of the result, in cleaned-text offsets. */
function spansOf(r) {
  const spans = [];
  r.mentions.forEach((m, i) => {
    const e = r.entities[m.entity];
    spans.push({
      id: `m${i}`,
      start: m.start,
      end: m.end,
      kind: m.label,
      group: `e${m.entity}`,
      label: `${LABELS[m.label]}: ${e ? e.name : m.text}`,
    });
  });
  r.quotes.forEach((q, i) => {
    const who = speakerName(r, q);
    q.content.forEach((c) =>
      spans.push({
        id: `q${i}`,
        start: c.start,
        end: c.end,
        kind: 'quote',
        group: `q${i}`,
        label: `Quote ${i + 1}, ${q.kind}, by ${who}${q.within === null ? '' : `, inside quote ${q.within + 1}`}`,
      }),
    );
    if (q.cue) spans.push({ id: `c${i}`, start: q.cue.start, end: q.cue.end, kind: 'cue', group: `q${i}`, label: `Cue of quote ${i + 1}` });
    if (q.speaker) {
      spans.push({
        id: `s${i}`,
        start: q.speaker.start,
        end: q.speaker.end,
        kind: 'speaker',
        group: q.speaker.entity === null ? `q${i}` : `e${q.speaker.entity}`,
        label: `Speaker of quote ${i + 1}: ${who}`,
      });
    }
  });
  return spans;
}

/** Blocks [start, end) of the cleaned text: its paragraphs, or the whole text. */
function blocksOf(r) {
  if (r.paragraphs.length) return r.paragraphs.map((p) => [p.start, p.end]);
  return r.text ? [[0, r.text.length]] : [];
}

/** Distributes spans over blocks (block-relative offsets; a span crossing blocks keeps its id). */
function perBlock(blocks, spans) {
  const out = blocks.map(() => []);
  const starts = blocks.map((b) => b[0]);
  for (const s of spans) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= s.start) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo; i < blocks.length && blocks[i][0] < s.end; i++) {
      const start = Math.max(s.start, blocks[i][0]) - blocks[i][0];
      const end = Math.min(s.end, blocks[i][1]) - blocks[i][0];
      if (end > start) out[i].push({ ...s, start, end });
    }
  }
  return out;
}

function render() {
  const r = state.result;
  state.highlighter?.clear();
  state.highlighter = createHighlighter({ mode: 'marks' });
  const article = $('article');
  article.replaceChildren();
  const blocks = blocksOf(r);
  const spans = perBlock(blocks, spansOf(r));
  blocks.forEach(([start, end], i) => {
    const p = document.createElement('p');
    p.textContent = r.text.slice(start, end);
    article.appendChild(p);
    state.highlighter.paint(p, spans[i]);
  });
  if (!blocks.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'Nothing to show yet: paste an article above.';
    article.appendChild(p);
  }
  for (const kind of state.hidden) state.highlighter.setLayer(kind, false);
  renderEntities(r);
  renderQuotes(r);
  renderCharts(r);
  renderCleaning(r);
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function quotesBy(r) {
  const n = new Map();
  for (const q of r.quotes) {
    if (q.speaker?.entity !== null && q.speaker?.entity !== undefined) n.set(q.speaker.entity, (n.get(q.speaker.entity) ?? 0) + 1);
  }
  return n;
}

function renderEntities(r) {
  const box = $('entities');
  box.replaceChildren();
  const quoted = quotesBy(r);
  const prominence = (e) => e.mentions.length + 2 * (quoted.get(e.id) ?? 0);
  $('entity-count').textContent = `(${r.entities.length})`;
  for (const label of LABEL_ORDER) {
    const list = r.entities.filter((e) => e.label === label).sort((a, b) => prominence(b) - prominence(a) || a.name.localeCompare(b.name));
    if (!list.length) continue;
    const ul = el('ul', { className: 'entities' });
    for (const e of list) {
      const q = quoted.get(e.id) ?? 0;
      const b = el(
        'button',
        { type: 'button', className: `entity nm-${label}`, dataset: { entity: String(e.id), label } },
        el('span', { className: 'name' }, e.name),
        el('span', { className: 'meta' }, `${e.mentions.length}×${q ? `, ${q} quote${q > 1 ? 's' : ''}` : ''}`),
      );
      b.setAttribute('aria-label', `${LABELS[label]} ${e.name}: ${e.mentions.length} mentions, ${q} quotes`);
      b.addEventListener('click', () => focusGroup(`e${e.id}`, b));
      ul.append(el('li', {}, b));
    }
    box.append(el('h3', { className: `group nm-${label}` }, `${LABELS[label]}s`), ul);
  }
  if (!r.entities.length) box.append(el('p', { className: 'empty' }, 'No entities found.'));
}

function renderQuotes(r) {
  const ol = $('quotes');
  ol.replaceChildren();
  $('quote-count').textContent = `(${r.quotes.length})`;
  r.quotes.forEach((q, i) => {
    const b = el(
      'button',
      { type: 'button', className: 'quote', dataset: { quote: String(i) } },
      el('span', { className: 'who' }, speakerName(r, q)),
      el('span', { className: 'said' }, `“${quoteText(r, q)}”`),
      el('span', { className: 'meta' }, `${q.kind}${q.cue ? ` · ${q.cue.text}` : ''}${q.within === null ? '' : ` · inside quote ${q.within + 1}`}`),
    );
    b.addEventListener('click', () => focusGroup(`q${i}`, b));
    // A quote inside a quote (`within`) is listed indented under the quote that holds it.
    ol.append(el('li', q.within === null ? {} : { className: 'nested' }, b));
  });
  if (!r.quotes.length) ol.append(el('li', { className: 'empty' }, 'No quotes found.'));
}

function bars(box, rows) {
  box.replaceChildren();
  const max = Math.max(1, ...rows.map((r) => r.value));
  for (const row of rows) {
    const bar = el('span', { className: `bar nm-${row.label}` });
    bar.style.width = `${(100 * row.value) / max}%`;
    box.append(
      el(
        'div',
        { className: 'row', role: 'img', 'aria-label': `${row.name}: ${row.value}` },
        el('span', { className: 'name' }, row.name),
        el('span', { className: 'track' }, bar),
        el('span', { className: 'value' }, String(row.value)),
      ),
    );
  }
  if (!rows.length) box.append(el('p', { className: 'empty' }, 'Nothing yet.'));
}

function renderCharts(r) {
  const quoted = new Map();
  for (const q of r.quotes) {
    const name = speakerName(r, q);
    const label = q.speaker?.entity != null ? r.entities[q.speaker.entity].label : 'speaker';
    const cur = quoted.get(name) ?? { name, value: 0, label };
    cur.value++;
    quoted.set(name, cur);
  }
  bars($('chart-quoted'), [...quoted.values()].sort((a, b) => b.value - a.value).slice(0, 8));
  bars(
    $('chart-mentioned'),
    r.entities
      .map((e) => ({ name: e.name, value: e.mentions.length, label: e.label }))
      .sort((a, b) => b.value - a.value)
      .slice(0, 8),
  );
}

function renderCleaning(r) {
  state.cleaningHighlighter?.clear();
  state.cleaningHighlighter = createHighlighter({ mode: 'marks', prefix: 'cl' });
  const box = $('original');
  box.replaceChildren();
  const pre = el('div', { className: 'original-text' });
  pre.textContent = state.input;
  box.append(pre);
  state.cleaningHighlighter.paint(
    pre,
    r.removed.map((x, i) => ({ id: `r${i}`, start: x.start, end: x.end, kind: 'removed', label: `Removed: ${x.reason} (rule ${x.rule})` })),
  );
  const tbody = $('removed-table').tBodies[0];
  tbody.replaceChildren();
  for (const x of r.removed) {
    tbody.append(el('tr', {}, el('td', { className: 'removed-text' }, x.text), el('td', {}, x.reason), el('td', {}, el('code', {}, x.rule))));
  }
  if (!r.removed.length) tbody.append(el('tr', {}, el('td', { colSpan: 3, className: 'empty' }, 'Nothing was removed.')));
}

// ---- interaction ---------------------------------------------------------------------------
let selected = null;
function focusGroup(group, button) {
  showTab('analysis');
  if (selected) selected.setAttribute('aria-pressed', 'false');
  selected = button;
  button?.setAttribute('aria-pressed', 'true');
  const first = state.highlighter.activate({ group });
  if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function showTip(spans, x, y) {
  const tip = $('tip');
  if (!spans.length) {
    tip.hidden = true;
    return;
  }
  tip.replaceChildren(...spans.map((s) => el('div', { className: `tip-row nm-${s.kind}` }, s.label)));
  tip.hidden = false;
  const box = tip.parentElement.getBoundingClientRect();
  tip.style.left = `${Math.max(0, x - box.left + 12)}px`;
  tip.style.top = `${y - box.top + 16}px`;
}

function showTab(which) {
  const analysis = which === 'analysis';
  $('tab-analysis').setAttribute('aria-selected', String(analysis));
  $('tab-cleaning').setAttribute('aria-selected', String(!analysis));
  $('article').hidden = !analysis;
  $('legend').hidden = !analysis;
  $('cleaning').hidden = analysis;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function csvCell(v) {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formulas when opened in a spreadsheet
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function quotesCsv(r) {
  const rows = [['speaker', 'quote', 'cue']];
  for (const q of r.quotes) rows.push([speakerName(r, q), quoteText(r, q), q.cue?.text ?? '']);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

async function loadSample(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load ${url}: ${res.status}`);
  $('text').value = await res.text();
}

function wire() {
  $('analyze').addEventListener('click', () => {
    clearTimeout(timer);
    run();
  });
  $('text').addEventListener('input', scheduleRun);
  $('sample').addEventListener('change', async (e) => {
    await loadSample(e.target.value);
    run();
  });
  for (const box of document.querySelectorAll('[data-layer]')) {
    box.addEventListener('change', () => {
      const kind = box.dataset.layer;
      if (box.checked) state.hidden.delete(kind);
      else state.hidden.add(kind);
      document.body.classList.toggle(`hide-${kind}`, !box.checked);
      state.highlighter?.setLayer(kind, box.checked);
    });
  }
  $('tab-analysis').addEventListener('click', () => showTab('analysis'));
  $('tab-cleaning').addEventListener('click', () => showTab('cleaning'));
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const other = tab.id === 'tab-analysis' ? $('tab-cleaning') : $('tab-analysis');
      other.focus();
      other.click();
    });
  }
  $('article').addEventListener('click', (e) => {
    const spans = state.highlighter?.spansAtPoint(e.clientX, e.clientY) ?? [];
    showTip(spans, e.clientX, e.clientY);
    const mention = spans.find((s) => LABELS[s.kind]) ?? spans[0];
    if (mention) state.highlighter.activate({ group: mention.group });
    else state.highlighter?.deactivate();
  });
  $('article').addEventListener('mousemove', (e) => {
    if (!state.highlighter) return;
    showTip(state.highlighter.spansAtPoint(e.clientX, e.clientY), e.clientX, e.clientY);
  });
  $('article').addEventListener('mouseleave', () => ($('tip').hidden = true));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      $('tip').hidden = true;
      state.highlighter?.deactivate();
    }
  });
  $('export-json').addEventListener('click', () => {
    if (state.result) download('newsmark.json', 'application/json', JSON.stringify(state.result, null, 2));
  });
  $('export-csv').addEventListener('click', () => {
    if (state.result) download('quotes.csv', 'text/csv', quotesCsv(state.result));
  });
}

async function main() {
  wire();
  await Promise.all([startAnalyzer(), loadSample($('sample').value)]);
  await run();
  document.body.dataset.ready = 'true';
}

// For tests and the curious: the last result.
Object.defineProperty(window, 'newsmarkResult', { get: () => state.result });

main().catch((e) => {
  setStatus(`Error: ${e.message}`);
  console.error(e);
});

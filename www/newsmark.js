// newsmark: clean a scraped news article, find its entities and quotes, in the browser.
//
//   import { init, analyze } from './newsmark.js';
//   await init();                       // fetches ./pkg/newsmark_bg.wasm next to this file
//   const r = analyze(articleText);     // { text, removed, paragraphs, mentions, entities, quotes }
//
// `createWorkerAnalyzer()` offers the same API in a Web Worker (every call returns a Promise).
// Offsets are UTF-16 code units (JavaScript string indices) unless `options.offsets` says otherwise.

import initGlue, {
  analyze as wasmAnalyze,
  clean as wasmClean,
  version as wasmVersion,
  __newsmark_reinstantiate as reinstantiate,
} from './pkg/newsmark.js';

let compiled = null; // the compiled WebAssembly.Module, kept to start a fresh instance after a trap
let pending = null;

/**
 * Loads the module. `input` may be a URL (string or URL), a Response (or a promise of one),
 * the bytes (ArrayBuffer / typed array) or a compiled WebAssembly.Module. Without it, the
 * `.wasm` next to this file is fetched. Safe to call more than once.
 */
export function init(input) {
  if (compiled) return Promise.resolve();
  if (!pending) {
    pending = compile(input)
      .then(async (module) => {
        await initGlue({ module_or_path: module });
        compiled = module;
      })
      .catch((e) => {
        pending = null;
        throw e;
      });
  }
  return pending;
}

/** Synchronous `init` from the bytes or a compiled module (e.g. Node: `initSync(readFileSync(…))`). */
export function initSync(bytesOrModule) {
  if (compiled) return;
  const module =
    bytesOrModule instanceof WebAssembly.Module ? bytesOrModule : new WebAssembly.Module(bytesOrModule);
  reinstantiate(module);
  compiled = module;
}

async function compile(input) {
  if (input === undefined) input = new URL('./pkg/newsmark_bg.wasm', import.meta.url);
  input = await input;
  if (input instanceof WebAssembly.Module) return input;
  if (typeof input === 'string' || input instanceof URL) {
    const base = typeof document !== 'undefined' ? document.baseURI : import.meta.url;
    const url = new URL(input, base);
    if (url.protocol === 'file:') {
      const fs = await import(/* webpackIgnore: true */ 'node:fs/promises');
      return WebAssembly.compile(await fs.readFile(url));
    }
    input = await fetch(url);
  }
  if (typeof Response === 'function' && input instanceof Response) {
    if (!input.ok) throw new Error(`newsmark: cannot load the module: HTTP ${input.status} ${input.url}`);
    const type = input.headers.get('Content-Type') || '';
    if (typeof WebAssembly.compileStreaming === 'function' && type.startsWith('application/wasm')) {
      return WebAssembly.compileStreaming(input);
    }
    return WebAssembly.compile(await input.arrayBuffer());
  }
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return WebAssembly.compile(input);
  throw new TypeError('newsmark: init() takes a URL, a Response, the module bytes or a WebAssembly.Module');
}

function call(fn, text, options) {
  if (!compiled) throw new Error('newsmark: call `await init()` before analyze()');
  try {
    return fn(text, options);
  } catch (e) {
    // A trap (a bug in newsmark) may leave the instance inconsistent: start a fresh one so
    // the next call works, and report this one.
    if (e instanceof WebAssembly.RuntimeError) {
      try {
        reinstantiate(compiled);
      } catch {
        compiled = null;
        pending = null;
      }
    }
    throw e;
  }
}

/** Analyses an article. Throws TypeError for a non-string text or bad options. */
export function analyze(text, options) {
  return call(wasmAnalyze, text, options);
}

/** Cleans an article (entities and quotes off). */
export function clean(text, options) {
  return call(wasmClean, text, options);
}

/** The version of the loaded module. */
export function version() {
  if (!compiled) throw new Error('newsmark: call `await init()` before version()');
  return wasmVersion();
}

const ERRORS = { TypeError, RangeError, Error };

/**
 * The compiled module for a worker, fetched and compiled (streaming) on this thread, or null
 * when that cannot be done here (the worker then loads the module itself).
 */
function earlyModule(url) {
  if (compiled) return Promise.resolve(compiled);
  if (typeof WebAssembly.compileStreaming !== 'function' || typeof fetch !== 'function') return Promise.resolve(null);
  return compile(url).catch(() => null);
}

/**
 * The same API hosted in a Web Worker, so long articles never freeze the page. Calls are
 * answered in order; a worker that dies is replaced on the next call.
 * `opts.wasmUrl` overrides where the worker loads the module from.
 */
export function createWorkerAnalyzer(opts = {}) {
  const workerUrl = opts.workerUrl ?? new URL('./worker.js', import.meta.url);
  const wasmUrl = opts.wasmUrl === undefined ? undefined : String(new URL(opts.wasmUrl, globalThis.location?.href ?? import.meta.url));
  let worker = null;
  let ready = null;
  let nextId = 1;
  const waiting = new Map();

  let lastFailure = null;
  function fail(reason) {
    lastFailure = reason;
    for (const { reject } of waiting.values()) reject(reason);
    waiting.clear();
    if (worker) worker.terminate();
    worker = null;
    ready = null;
  }

  function start() {
    const w = new Worker(workerUrl, { type: 'module', name: 'newsmark' });
    worker = w;
    w.onmessage = (ev) => {
      const { id, ok, result, error } = ev.data;
      const pending = waiting.get(id);
      if (!pending) return;
      waiting.delete(id);
      if (ok) pending.resolve(result);
      else {
        const E = ERRORS[error.name] ?? Error;
        const err = new E(error.message);
        if (!(error.name in ERRORS)) err.name = error.name;
        pending.reject(err);
      }
    };
    w.onerror = (ev) => {
      ev.preventDefault?.();
      if (worker === w) fail(new Error(`newsmark worker failed: ${ev.message || 'unknown error'}`));
    };
    // Fetch and compile the module here while the worker starts (its scripts load in
    // parallel), then hand it the compiled module: the two no longer wait for each other.
    // Where that is not possible the worker loads the module itself.
    ready = earlyModule(wasmUrl).then(async (module) => {
      if (worker !== w) throw lastFailure;
      if (!module) return send('init', wasmUrl, undefined, w);
      try {
        return await send('init', module, undefined, w);
      } catch (e) {
        if (worker !== w) throw e;
        return send('init', wasmUrl, undefined, w);
      }
    });
    ready.catch(() => {}); // callers awaiting it still see the failure
    return ready;
  }

  function send(op, text, options, w = worker) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      try {
        w.postMessage({ id, op, text, options });
      } catch (e) {
        waiting.delete(id);
        reject(e);
      }
    });
  }

  async function request(op, text, options) {
    if (!worker) start();
    const w = worker;
    await ready;
    // The worker may have gone (terminated or crashed) while it was loading.
    if (worker !== w) throw lastFailure;
    return send(op, text, options);
  }

  return {
    /** Resolves when the worker has loaded the module. */
    ready: () => (worker ? ready : start()),
    analyze: (text, options) => request('analyze', text, options),
    clean: (text, options) => request('clean', text, options),
    version: () => request('version'),
    terminate: () => fail(new Error('newsmark worker terminated')),
  };
}

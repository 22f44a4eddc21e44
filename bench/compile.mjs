// Node: where the first call's time goes: compiling the module, instantiating it, the first
// `analyze` of a short text (which makes V8 compile, lazily, the functions it reaches) and a
// second call.
//   node bench/compile.mjs [PKG_DIR]                                  (default www/pkg)
//   node --no-wasm-lazy-compilation bench/compile.mjs [PKG_DIR]        (compile everything first)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const dir = resolve(process.argv[2] ?? new URL('../www/pkg', import.meta.url).pathname);
const glue = await import(pathToFileURL(resolve(dir, 'newsmark.js')));
const bytes = readFileSync(resolve(dir, 'newsmark_bg.wasm'));
const text = 'Mayor Jane Doe said "We will stay" in Paris.';
const t0 = performance.now();
const module = new WebAssembly.Module(bytes);
const t1 = performance.now();
glue.initSync({ module });
const t2 = performance.now();
glue.analyze(text);
const t3 = performance.now();
glue.analyze(text);
const t4 = performance.now();
const ms = (x) => x.toFixed(1);
console.log(`compile ${ms(t1 - t0)} ms, instantiate ${ms(t2 - t1)} ms, first analyze ${ms(t3 - t2)} ms, second ${ms(t4 - t3)} ms`);

// The sections of Wasm modules: how much of each is code (what the engine compiles, lazily, at
// the first call) and how much is data (the models, only copied), for comparing build variants.
//   node bench/sections.mjs www/pkg/newsmark_bg.wasm [other.wasm …]
// Prints per module: the code section's bytes and function count, the largest function body,
// the data section's bytes and the whole module's size.
import { readFileSync } from 'node:fs';

const names = { 0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global', 7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount' };

function leb(buf, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

export function sections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a Wasm module');
  const out = { size: buf.length, sections: {}, functions: 0, largest: 0 };
  let at = 8;
  while (at < buf.length) {
    const id = buf[at];
    const [len, body] = leb(buf, at + 1);
    const name = names[id] ?? `id${id}`;
    out.sections[name] = (out.sections[name] ?? 0) + len;
    if (id === 10) {
      let [count, p] = leb(buf, body);
      out.functions = count;
      for (let i = 0; i < count; i++) {
        const [size, start] = leb(buf, p);
        out.largest = Math.max(out.largest, size);
        p = start + size;
      }
    }
    at = body + len;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (!files.length) throw new Error('usage: node bench/sections.mjs MODULE.wasm …');
  console.log('| module | code bytes | functions | largest body | data bytes | module bytes |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const f of files) {
    const s = sections(readFileSync(f));
    console.log(`| ${f} | ${s.sections.code ?? 0} | ${s.functions} | ${s.largest} | ${s.sections.data ?? 0} | ${s.size} |`);
  }
}

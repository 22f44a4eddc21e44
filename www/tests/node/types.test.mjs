// newsmark.d.ts describes the result exactly: every interface's properties are the keys the
// module returns (and the reverse), and the string unions hold the values it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, analyze } from '../../newsmark.js';
import * as api from '../../newsmark.js';

const www = new URL('../../', import.meta.url);
initSync(readFileSync(new URL('pkg/newsmark_bg.wasm', www)));
const dts = readFileSync(new URL('newsmark.d.ts', www), 'utf8');
const sample = readFileSync(new URL('samples/harbour-strike.txt', www), 'utf8');

/** Property names of `interface name` including those of the interface it extends. */
function props(name) {
  const m = dts.match(new RegExp(`export interface ${name}(?: extends (\\w+))? \\{([^}]*)\\}`));
  assert.ok(m, `interface ${name} in newsmark.d.ts`);
  const own = [...m[2].matchAll(/^\s*(\w+)\??:/gm)].map((x) => x[1]);
  return [...(m[1] ? props(m[1]) : []), ...own].sort();
}

function union(name) {
  const m = dts.match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(m, `type ${name}`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

const keys = (o) => Object.keys(o).sort();

test('the declared interfaces are the returned shapes', () => {
  const r = analyze(sample);
  assert.ok(r.mentions.length && r.quotes.length && r.removed.length, 'the sample exercises every part');
  assert.deepEqual(keys(r), props('Analysis'));
  for (const p of r.paragraphs) assert.deepEqual(keys(p), props('Located'));
  for (const x of r.removed) assert.deepEqual(keys(x), props('Removed'));
  for (const m of r.mentions) assert.deepEqual(keys(m), props('Mention'));
  for (const e of r.entities) assert.deepEqual(keys(e), props('Entity'));
  for (const q of r.quotes) {
    assert.deepEqual(keys(q), props('Quote'));
    for (const c of q.content) assert.deepEqual(keys(c), props('Located'));
    if (q.cue) assert.deepEqual(keys(q.cue), props('TextSpan'));
    if (q.speaker) assert.deepEqual(keys(q.speaker), props('Speaker'));
  }
  assert.ok(r.quotes.some((q) => q.speaker), 'some quote has a speaker');
});

test('the declared unions hold the returned values', () => {
  const r = analyze(sample);
  for (const m of r.mentions) assert.ok(union('Label').includes(m.label), m.label);
  for (const x of r.removed) assert.ok(union('RemovalReason').includes(x.reason), x.reason);
  for (const q of r.quotes) assert.ok(union('QuoteKind').includes(q.kind), q.kind);
  assert.deepEqual(union('OffsetUnit').sort(), ['chars', 'utf16', 'utf8']);
  for (const u of union('OffsetUnit')) assert.equal(analyze('x', { offsets: u }).offsets, u);
  // The Options interface lists exactly the accepted options.
  const value = { offsets: 'utf8', minConfidence: 0.5 };
  for (const o of props('Options')) analyze('x', { [o]: value[o] ?? true });
  assert.deepEqual(props('Options'), ['clean', 'entities', 'minConfidence', 'offsets', 'quotes']);
});

test('the declared functions are the exported ones', () => {
  const declared = [...dts.matchAll(/^export function (\w+)/gm)].map((x) => x[1]).sort();
  assert.deepEqual(declared, Object.keys(api).sort());
});

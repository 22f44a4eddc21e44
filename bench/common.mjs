// Shared by the Node and browser benchmarks: the texts and the timing helpers.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function loadTexts(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** A ~5 KB article: the dev texts joined until 5,000 bytes, cut at a paragraph. */
export function typicalArticle(texts) {
  let out = '';
  for (const t of texts) {
    for (const para of t.split('\n\n')) {
      if (Buffer.byteLength(out) >= 5000) return out;
      out += (out ? '\n\n' : '') + para;
    }
  }
  return out;
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export const fmt = (x, d = 1) => x.toFixed(d);

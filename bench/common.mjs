// Shared by the Node and browser benchmarks: the texts and the timing helpers.
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * What issue 7's throughput goal (20× compromise) asks of newsmark in this run: at most
 * compromise's time per text over 20. `cargo xtask bench` passes the native build's `analyze`
 * time per text of the same run in NEWSMARK_NATIVE_MS, printed beside it when present.
 */
export function goalLine(theirsMsPerText, goal = 20) {
  const native = Number(process.env.NEWSMARK_NATIVE_MS);
  const beside = native > 0 ? `; the native build's \`analyze\` took ${fmt(native, 2)} ms per text in this run (the native table)` : '';
  return `For ${goal}× compromise, newsmark would have to take at most ${fmt(theirsMsPerText / goal, 2)} ms per text here${beside}.`;
}

// A static server over the repository on a free loopback port, for the pages under bench/;
// `cacheable` lets the browser keep every response for an hour (a returning visitor's case).
export async function serveRepo({ cacheable = false } = {}) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path.includes('..')) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(join(root, path));
      const headers = { 'content-type': types[extname(path)] ?? 'application/octet-stream' };
      if (cacheable) headers['cache-control'] = 'max-age=3600';
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}/bench/` };
}

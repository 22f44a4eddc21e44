// `npm pack` gives an installable package with the .wasm inside, usable by `import 'newsmark'`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const www = fileURLToPath(new URL('../../', import.meta.url));

function npm(args, cwd) {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('npm pack ships the module and installs offline', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsmark-pack-'));
  try {
    const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], www));
    const files = info.files.map((f) => f.path).sort();
    for (const f of ['newsmark.js', 'newsmark.d.ts', 'worker.js', 'highlight.js', 'package.json', 'pkg/newsmark.js', 'pkg/newsmark_bg.wasm']) {
      assert.ok(files.includes(f), `${f} is in the package: ${files}`);
    }
    assert.ok(!files.some((f) => f.startsWith('tests/') || f.startsWith('node_modules/') || f.startsWith('extension/')), String(files));

    const app = path.join(dir, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    npm(['install', '--offline', '--no-audit', '--no-fund', path.join(dir, info.filename)], app);
    writeFileSync(
      path.join(app, 'main.mjs'),
      `import { readFileSync } from 'node:fs';
import { initSync, analyze } from 'newsmark';
initSync(readFileSync(new URL(import.meta.resolve('newsmark/pkg/newsmark_bg.wasm'))));
const r = analyze('“We will stay,” Mayor Jane Doe said in Paris.');
console.log(JSON.stringify({ text: r.text, keys: Object.keys(r) }));
`,
    );
    const run = spawnSync(process.execPath, ['main.mjs'], { cwd: app, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.text, '“We will stay,” Mayor Jane Doe said in Paris.');
    assert.deepEqual(out.keys, ['text', 'offsets', 'removed', 'paragraphs', 'mentions', 'entities', 'quotes']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

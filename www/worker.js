// The Worker side of `createWorkerAnalyzer()`: one module instance, answers in order.
import { init, analyze, clean, version } from './newsmark.js';

const ops = { analyze, clean, version };

self.onmessage = async (ev) => {
  const { id, op, text, options } = ev.data;
  try {
    let result;
    if (op === 'init') result = await init(text);
    else if (op in ops) {
      await init();
      result = ops[op](text, options);
    } else throw new TypeError(`newsmark worker: unknown operation ${op}`);
    self.postMessage({ id, ok: true, result });
  } catch (e) {
    self.postMessage({ id, ok: false, error: { name: e?.name ?? 'Error', message: e?.message ?? String(e) } });
  }
};

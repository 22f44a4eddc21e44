// Timing helpers shared by the Node bench (wasm.mjs) and the browser pages (measure.js); no Node
// imports here, so the browser can load it from /bench/.

/** Seconds per call of `fn`: one warm-up call, then calls until `minMs` and at least two calls. */
export function passTime(fn, minMs) {
  fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || n < 2) {
    fn();
    n++;
  }
  return (performance.now() - t0) / n / 1000;
}

/** What a page would ask compromise for: people, places, organisations and quotations. */
export function compromiseAll(nlp, t) {
  const doc = nlp(t);
  return [
    doc.people().out('array'),
    doc.places().out('array'),
    doc.organizations().out('array'),
    doc.quotations().out('array'),
  ];
}

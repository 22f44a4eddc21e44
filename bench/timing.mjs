// Timing helpers shared by the Node bench (wasm.mjs) and the browser pages (measure.js); no Node
// imports here, so the browser can load it from /bench/.

/**
 * Seconds per call of `fn`: one warm-up call (unless `warm` is false), then calls until `minMs`
 * and at least two calls.
 */
export function passTime(fn, minMs, warm = true) {
  if (warm) fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || n < 2) {
    fn();
    n++;
  }
  return (performance.now() - t0) / n / 1000;
}

/**
 * Seconds per call of `ours` and of `theirs`, measured in `rounds` alternating turns of `minMs`
 * each (after one warm-up call of each), so that the machine's speed, which drifts by 1.3–1.6×
 * within minutes here, weighs on both alike. Returns the medians of the per-turn times, the
 * median of the per-round ratios theirs/ours (the number to read) and their range.
 */
export function passPair(ours, theirs, rounds, minMs) {
  ours();
  theirs();
  const a = [];
  const b = [];
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const x = passTime(ours, minMs, false);
    const y = passTime(theirs, minMs, false);
    a.push(x);
    b.push(y);
    ratios.push(y / x);
  }
  const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
  return { ours: median(a), theirs: median(b), ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), rounds };
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

// Shared by the benchmark pages: throughput beside compromise and latency on one article.
export async function measure(analyze, first, { texts, article, minMs, reps }) {
  // compromise is loaded only now, so it does not delay the first result.
  await new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/bench/node_modules/compromise/builds/compromise.js';
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  });
  const passTime = (fn) => {
    fn();
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < minMs || n < 2) {
      fn();
      n++;
    }
    return (performance.now() - t0) / n / 1000;
  };
  const ours = passTime(() => texts.forEach((t) => analyze(t)));
  const theirs = passTime(() =>
    texts.forEach((t) => {
      const d = window.nlp(t);
      d.people().out('array');
      d.places().out('array');
      d.organizations().out('array');
      d.quotations().out('array');
    }),
  );
  const lat = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    analyze(article);
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  return { ours, theirs, lat, firstMentions: first.mentions.length };
}

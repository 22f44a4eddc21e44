// Shared by the benchmark pages: throughput beside compromise and latency on one article.
import { passPair, compromiseAll } from './timing.mjs';

export async function measure(analyze, first, { texts, article, minMs, rounds, reps }) {
  // compromise is loaded only now, so it does not delay the first result.
  await new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/bench/node_modules/compromise/builds/compromise.js';
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  });
  const pair = passPair(
    () => texts.forEach((t) => analyze(t)),
    () => texts.forEach((t) => compromiseAll(window.nlp, t)),
    rounds,
    minMs,
  );
  const lat = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    analyze(article);
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  return { pair, lat, firstMentions: first.mentions.length };
}

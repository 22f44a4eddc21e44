// Shared by the benchmark pages: throughput beside compromise and latency on one article.
import { passTime, compromiseAll } from './timing.mjs';

export async function measure(analyze, first, { texts, article, minMs, reps }) {
  // compromise is loaded only now, so it does not delay the first result.
  await new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/bench/node_modules/compromise/builds/compromise.js';
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  });
  const ours = passTime(() => texts.forEach((t) => analyze(t)), minMs);
  const theirs = passTime(() => texts.forEach((t) => compromiseAll(window.nlp, t)), minMs);
  const lat = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    analyze(article);
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  return { ours, theirs, lat, firstMentions: first.mentions.length };
}

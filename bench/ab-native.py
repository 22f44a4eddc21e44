#!/usr/bin/env python3
"""A/B of two native `newsmark` binaries on the same texts, taking turns.

    python3 bench/ab-native.py OLD_BINARY NEW_BINARY [--rounds N]

Each round runs `analyze --jsonl` three times over the PolNeAR dev texts (read from
../shared/data/polnear/dev/text and passed as JSON lines) with each binary, old first.
Prints the median time per round of each and the median of the per-round ratios new/old,
so that a machine whose speed drifts slows both alike."""
import json, os, statistics, subprocess, sys, time

args = sys.argv[1:]
rounds = 7
if '--rounds' in args:
    i = args.index('--rounds')
    rounds = int(args[i + 1])
    del args[i:i + 2]
if len(args) != 2:
    sys.exit(__doc__)
old_bin, new_bin = args
here = os.path.dirname(os.path.abspath(__file__))
texts = os.path.join(here, '..', '..', 'shared', 'data', 'polnear', 'dev', 'text')
data = ''.join(
    json.dumps({'id': n, 'text': open(os.path.join(texts, n), encoding='utf-8').read()}) + '\n'
    for n in sorted(os.listdir(texts))
).encode()


def run(binary):
    start = time.perf_counter()
    for _ in range(3):
        subprocess.run([binary, 'analyze', '--jsonl'], input=data, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


old, new, ratios = [], [], []
for _ in range(rounds):
    a = run(old_bin)
    b = run(new_bin)
    old.append(a)
    new.append(b)
    ratios.append(b / a)
print(f'old median {statistics.median(old):.3f} s, new median {statistics.median(new):.3f} s; '
      f'new/old per-round ratio median {statistics.median(ratios):.3f} '
      f'(range {min(ratios):.3f}-{max(ratios):.3f}), {rounds} rounds of 3 passes over {len(os.listdir(texts))} texts')

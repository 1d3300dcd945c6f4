#!/usr/bin/env python3
"""What reading every word costs in CPython, before any rule runs: the floor under quotetrack's speed.

    python benchmarks/floors.py [--repeat N] [--corpus PATH.jsonl] [--field text]

Each row is one way of walking the corpus word by word, timed on one core (CPU
time, best of ``--repeat``), next to quotetrack's whole pipeline on the same
texts. The word pattern is the one quotetrack's rules read tokens with. A
pipeline whose rules must look at most words (reported speech reads every
sentence with a reporting verb; mention finding every capitalised run) cannot
run faster than the row that builds what its rules read.

This is a measurement, not a test: nothing here asserts anything about time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_throughput  # the corpus loader; importing it puts this checkout first on sys.path

from quotetrack.parser import Parser
from quotetrack.stage2_quotes.frames import WORD, tokens_in


class _Word:
    __slots__ = ("start", "end", "text", "lower")

    def __init__(self, start: int, end: int, text: str, lower: str) -> None:
        self.start, self.end, self.text, self.lower = start, end, text, lower


def _ways(texts: list[str]) -> dict[str, Callable[[], object]]:
    parser = Parser()
    return {
        "str.split on whitespace": lambda: [t.split() for t in texts],
        "word pattern, findall": lambda: [WORD.findall(t) for t in texts],
        "word pattern, offsets + casefold": lambda: [
            [(m.span(), m.group().casefold()) for m in WORD.finditer(t)] for t in texts],
        "word pattern, one object per word": lambda: [
            [_Word(*m.span(), m.group(), m.group().casefold()) for m in WORD.finditer(t)] for t in texts],
        "quotetrack tokens_in, every word": lambda: [tokens_in(t, 0, len(t)) for t in texts],
        "quotetrack whole pipeline": lambda: [parser.parse(t) for t in texts],
    }


def _best_cpu_seconds(run: Callable[[], object], repeat: int) -> float:
    run()  # warm caches and word lists
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cli.add_argument("--repeat", type=int, default=7)
    cli.add_argument("--corpus", type=Path, default=None)
    cli.add_argument("--field", default="text")
    args = cli.parse_args()
    bench_throughput.pin_to_one_cpu()
    corpus = bench_throughput.load_corpus(args.corpus, args.field)
    texts = list(corpus.texts)
    chars = sum(map(len, texts))
    words = sum(len(WORD.findall(t)) for t in texts)
    print(f"corpus: {len(texts)} docs, {chars:,} chars, {words:,} words; CPU time, best of {args.repeat}")
    print(f"  {'way of reading the words':36s} {'seconds':>8s} {'MB/s':>7s} {'µs/word':>8s}")
    for name, run in _ways(texts).items():
        seconds = _best_cpu_seconds(run, args.repeat)
        print(f"  {name:36s} {seconds:8.4f} {chars / seconds / 1e6:7.2f} {seconds / words * 1e6:8.2f}")


if __name__ == "__main__":
    main()

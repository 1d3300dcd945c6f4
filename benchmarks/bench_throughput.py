#!/usr/bin/env python3
"""How fast quotetrack reads news, how much memory it needs, and how long it takes to import.

    python benchmarks/bench_throughput.py [--repeat N] [--stage] [--large] [--json]
                                          [--corpus PATH.jsonl] [--field text]

Everything runs on one core (the process is pinned to one CPU where the OS
allows it). Each timing is the best of ``--repeat`` rounds, because the best
round is the one least disturbed by the rest of the machine.

The corpus is the PolNeAR dev texts when ``../shared`` sits next to the repo
(read only, never copied), else the seed article repeated to a few MB. Compare
numbers only between runs on the same machine and corpus; the header says which.

This is a measurement, not a test: nothing here asserts anything about time.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import platform
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DEV = REPO_ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"
SEED_DIR = REPO_ROOT / "seeds"
FALLBACK_CHARS = 3_000_000
LINEARITY_SIZES = (10_000, 100_000, 1_000_000)
LARGE_SIZE = 10_000_000
# A round shorter than this is repeated in a loop, so that timer resolution and
# one-off hiccups do not dominate small measurements.
MIN_ROUND_SECONDS = 0.2
# The ceiling: one bare regex pass that only finds quote marks.
BASELINE_PATTERN = re.compile(r"“[^”]*”|\"[^\"]*\"")
PROBE_SENTENCE = "“Prices will fall,” the minister said."

# Measure the checkout this script lives in, installed or not (the import-time
# subprocesses run in REPO_ROOT and so import the same code).
sys.path.insert(0, str(REPO_ROOT))
import quotetrack  # noqa: E402 - after the path above, on purpose
from quotetrack import Config, Parser, stage6_results  # noqa: E402
from quotetrack.model import Analysis  # noqa: E402
from quotetrack.parser import Context, Stage  # noqa: E402

# --- corpus -------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    name: str
    texts: tuple[str, ...]

    @property
    def chars(self) -> int:
        return sum(len(text) for text in self.texts)

    @property
    def utf8_bytes(self) -> int:
        return sum(len(text.encode("utf-8")) for text in self.texts)


def load_corpus(path: Path | None, field: str) -> Corpus:
    """The texts to measure on: ``path`` if given, else PolNeAR dev, else the seed article."""
    if path is not None:
        return _corpus_from_file(path, field)
    if SHARED_DEV.is_file():
        return _corpus_from_file(SHARED_DEV, field)
    return _seed_corpus()


def _corpus_from_file(path: Path, field: str) -> Corpus:
    if not path.is_file():
        raise SystemExit(f"--corpus: no such file: {path}")
    if path.suffix == ".jsonl":
        texts = tuple(_jsonl_texts(path, field))
        name = f"{path.name} [{field}]"
    else:
        texts = (path.read_text(encoding="utf-8"),)
        name = path.name
    texts = tuple(text for text in texts if text)
    if not texts:
        raise SystemExit(f"--corpus: {path} holds no non-empty text")
    return Corpus(name, texts)


def _jsonl_texts(path: Path, field: str) -> Iterator[str]:
    # newline="" keeps CRLF in the texts, as a caller reading raw files would.
    with path.open(encoding="utf-8", newline="") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            value = record.get(field) if isinstance(record, dict) else None
            if not isinstance(value, str):
                raise SystemExit(f"{path}:{number}: no string field {field!r}; pass --field NAME")
            yield value


def _seed_corpus() -> Corpus:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEED_DIR.glob("*.txt"))]
    seeds = [text for text in seeds if text]
    if not seeds:
        raise SystemExit(f"no corpus: {SHARED_DEV} is missing and {SEED_DIR} has no .txt; pass --corpus PATH.jsonl")
    copies = -(-FALLBACK_CHARS // sum(map(len, seeds)))
    return Corpus(f"seeds/*.txt repeated x{copies}", tuple(seeds) * copies)


def concatenated(texts: Sequence[str], size: int) -> str:
    """One document of exactly ``size`` characters made of whole texts, cycled, cut at the end."""
    parts: list[str] = []
    total = 0
    while total < size:
        text = texts[len(parts) % len(texts)]
        parts.append(text)
        total += len(text) + 2
    return "\n\n".join(parts)[:size]


# --- timing -------------------------------------------------------------------


def best_seconds(run: Callable[[], object], repeat: int) -> float:
    """Best time of one call of ``run`` over ``repeat`` rounds, each long enough to time well."""
    calls = 1
    while True:
        seconds = _round_seconds(run, calls)
        if seconds >= MIN_ROUND_SECONDS or calls >= 1 << 20:
            break
        calls *= 2
    rounds = [seconds] + [_round_seconds(run, calls) for _ in range(repeat - 1)]
    return min(rounds) / calls


def _round_seconds(run: Callable[[], object], calls: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(calls):
        run()
    return time.perf_counter() - start


def traced_peak_bytes(run: Callable[[], object]) -> int:
    """The most memory Python allocated at once while ``run`` ran (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def max_rss_bytes() -> int | None:
    """The process's peak resident memory, or None where the OS cannot tell."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak if sys.platform == "darwin" else peak * 1024


def pin_to_one_cpu() -> int | None:
    """Pin this process to one CPU so that the numbers mean 'one core'; the CPU, or None."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


# --- measurements -------------------------------------------------------------


@dataclass(frozen=True)
class Throughput:
    label: str
    seconds: float
    chars: int
    utf8_bytes: int
    docs: int
    found: int

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds

    @property
    def mb_per_s(self) -> float:
        return self.utf8_bytes / self.seconds / 1e6

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {
            "chars_per_s": self.chars_per_s,
            "mb_per_s": self.mb_per_s,
            "docs_per_s": self.docs_per_s,
        }


def quotetrack_throughput(parser: Parser, corpus: Corpus, repeat: int) -> Throughput:
    def parse_all() -> int:
        return sum(len(doc) for doc in parser.parse_many(corpus.texts))

    found = parse_all()  # also warms up: word lists load and patterns compile here
    seconds = best_seconds(parse_all, repeat)
    return Throughput("quotetrack Parser.parse", seconds, corpus.chars, corpus.utf8_bytes, len(corpus.texts), found)


def baseline_throughput(corpus: Corpus, repeat: int) -> Throughput:
    def scan_all() -> int:
        return sum(1 for text in corpus.texts for _ in BASELINE_PATTERN.finditer(text))

    found = scan_all()
    seconds = best_seconds(scan_all, repeat)
    label = 'baseline regex “…”|"…"'
    return Throughput(label, seconds, corpus.chars, corpus.utf8_bytes, len(corpus.texts), found)


@dataclass(frozen=True)
class StageTime:
    name: str
    seconds: float
    share: float


def stage_times(config: Config, corpus: Corpus, repeat: int) -> list[StageTime]:
    """Seconds per corpus pass spent in each stage, from the fastest of ``repeat`` passes.

    Stages 1-5 are timed through wrapped stage functions inside real parses;
    stage 6 (``build_document``) is timed by running it again on each finished
    analysis, which is safe because it only reads the analysis. All shares come
    from one pass, so that they add up.
    """
    default_stages = Parser(config).stages
    results = "results (build_document)"
    spent: dict[str, float] = {}
    last: list[Analysis] = []

    def timed(name: str, stage: Stage) -> Stage:
        def run(analysis: Analysis, context: Context) -> None:
            start = time.perf_counter()
            stage(analysis, context)
            spent[name] += time.perf_counter() - start
            last[:] = [analysis]

        return run

    parser = Parser(config, stages=[(name, timed(name, stage)) for name, stage in default_stages])
    best: dict[str, float] = {}
    for _ in range(repeat):
        spent.update(dict.fromkeys([*(name for name, _ in default_stages), results, "total"], 0.0))
        gc.collect()
        for text in corpus.texts:
            start = time.perf_counter()
            parser.parse(text)
            spent["total"] += time.perf_counter() - start
            start = time.perf_counter()
            stage6_results.build_document(last[0], config)
            spent[results] += time.perf_counter() - start
        if not best or spent["total"] < best["total"]:
            best = dict(spent)
    total = best.pop("total")
    best["other (parser overhead)"] = max(0.0, total - sum(best.values()))
    return [StageTime(f"{n} {name}", seconds, seconds / total) for n, (name, seconds) in enumerate(best.items(), 1)]


@dataclass(frozen=True)
class SizePoint:
    chars: int
    seconds: float
    quotes: int
    peak_bytes: int

    @property
    def seconds_per_char(self) -> float:
        return self.seconds / self.chars


def linearity(parser: Parser, corpus: Corpus, sizes: Sequence[int], repeat: int) -> list[SizePoint]:
    points = []
    for size in sizes:
        _progress(f"linearity: {size:,} chars")
        text = concatenated(corpus.texts, size)
        quotes = len(parser.parse(text))
        parse = functools.partial(parser.parse, text)
        seconds = best_seconds(parse, repeat)
        peak = traced_peak_bytes(parse)
        points.append(SizePoint(size, seconds, quotes, peak))
    return points


@dataclass(frozen=True)
class ImportTime:
    importtime_ms: float
    first_extract_ms: float
    process_ms: float
    bare_python_ms: float
    heaviest: list[tuple[str, float]]


_PROBE = f"""
import json, time
start = time.perf_counter()
import quotetrack
imported = time.perf_counter()
quotetrack.extract({PROBE_SENTENCE!r})
print(json.dumps({{"first_extract": time.perf_counter() - imported}}))
"""


def import_time(runs: int) -> ImportTime:
    """Import cost of ``quotetrack`` in fresh processes, min of ``runs`` each."""
    cumulative, first_extract, heaviest = [], [], []
    for _ in range(runs):
        probe = _run_python("-X", "importtime", "-c", _PROBE)
        tree = _importtime_subtree(probe.stderr, "quotetrack")
        cumulative.append(sum(self_us for _, self_us in tree) / 1000)
        first_extract.append(json.loads(probe.stdout)["first_extract"] * 1000)
        heaviest.append(tree)
    fastest = heaviest[cumulative.index(min(cumulative))]
    return ImportTime(
        importtime_ms=min(cumulative),
        first_extract_ms=min(first_extract),
        process_ms=min(_wall_ms("-c", "import quotetrack") for _ in range(runs)),
        bare_python_ms=min(_wall_ms("-c", "pass") for _ in range(runs)),
        heaviest=_by_package(fastest)[:5],
    )


def _run_python(*args: str) -> subprocess.CompletedProcess[str]:
    # cwd=REPO_ROOT: an uninstalled checkout still imports its own quotetrack.
    return subprocess.run([sys.executable, *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True)


def _wall_ms(*args: str) -> float:
    start = time.perf_counter()
    _run_python(*args)
    return (time.perf_counter() - start) * 1000


def _importtime_subtree(report: str, module: str) -> list[tuple[str, int]]:
    """(name, self µs) of ``module`` and everything its import pulled in, from ``-X importtime``.

    Lines come out as each import finishes, children before their parent, so
    the subtree is the run of lines after the previous top-level import up to
    ``module``'s own top-level line.
    """
    subtree: list[tuple[str, int]] = []
    for line in report.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():
            continue
        indented = fields[2][1:]
        name = indented.strip()
        subtree.append((name, int(fields[0])))
        if indented == name:  # top level
            if name == module:
                return subtree
            subtree = []
    raise RuntimeError(f"-X importtime did not report importing {module}")


def _by_package(tree: list[tuple[str, int]]) -> list[tuple[str, float]]:
    totals: dict[str, float] = {}
    for name, self_us in tree:
        package = name.split(".")[0]
        totals[package] = totals.get(package, 0.0) + self_us / 1000
    return sorted(totals.items(), key=lambda item: -item[1])


# --- report -------------------------------------------------------------------


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        print(f"... {message}", file=sys.stderr, flush=True)


def _git_revision() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def _si(value: float) -> str:
    for factor, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= factor:
            return f"{value / factor:.2f} {suffix}"
    return f"{value:.1f}"


def _mb(n_bytes: float | None) -> str:
    if n_bytes is None:
        return "n/a"
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 1e6 else f"{n_bytes / 1e3:.0f} KB"


def _size_label(chars: int) -> str:
    return f"{chars // 1_000_000} MB" if chars >= 1_000_000 else f"{chars // 1000} KB"


def print_report(results: dict[str, Any]) -> None:
    env, corpus = results["environment"], results["corpus"]
    cpu = "not pinned" if env["cpu"] is None else f"pinned to CPU {env['cpu']}"
    print(f"quotetrack {env['quotetrack']} ({env['git']}) · Python {env['python']} · {env['platform']} · {cpu}")
    print(
        f"corpus: {corpus['name']} · {corpus['docs']:,} docs · {corpus['chars']:,} chars"
        f" · {corpus['utf8_bytes'] / 1e6:.2f} MB UTF-8 · best of {results['repeat']}"
    )

    print(f"\n{'throughput (one core)':<32}{'chars/s':>11}{'MB/s':>9}{'docs/s':>10}{'found':>8}")
    for row in (results["baseline"], results["throughput"]):
        print(
            f"  {row['label']:<30}{_si(row['chars_per_s']):>11}{row['mb_per_s']:>9.2f}"
            f"{row['docs_per_s']:>10.1f}{row['found']:>8}"
        )
    print(f"  quotetrack is {results['slowdown']:.0f}x slower than the bare regex pass (found = quotes / matches)")

    memory = results["memory"]
    print("\nmemory")
    print(f"  tracemalloc peak, corpus loop   {_mb(memory['tracemalloc_peak_bytes']):>10}")
    print(f"  ru_maxrss after corpus loop     {_mb(memory['max_rss_bytes']):>10}   (whole process, corpus included)")

    imports = results["import"]
    heaviest = ", ".join(f"{name} {ms:.0f} ms" for name, ms in imports["heaviest"])
    print("\nimport (fresh processes, min of runs)")
    print(f"  import quotetrack               {imports['importtime_ms']:>7.1f} ms   (-X importtime: {heaviest})")
    print(f"  first extract() after import    {imports['first_extract_ms']:>7.1f} ms   (loads word lists)")
    print(
        f"  python -c 'import quotetrack'   {imports['process_ms']:>7.1f} ms   "
        f"(python -c pass: {imports['bare_python_ms']:.1f} ms)"
    )

    if results.get("stages"):
        print(f"\n{'stages (s per corpus pass)':<38}{'seconds':>9}{'share':>8}{'chars/s':>11}")
        for stage in results["stages"]:
            speed = _si(corpus["chars"] / stage["seconds"]) if stage["seconds"] > 0 else "-"
            print(f"  {stage['name']:<36}{stage['seconds']:>9.4f}{stage['share']:>8.1%}{speed:>11}")

    print(f"\n{'linearity (one document)':<28}{'seconds':>9}{'µs/KB':>9}{'vs 10 KB':>10}{'quotes':>8}{'peak mem':>11}")
    first = results["linearity"][0]["seconds_per_char"]
    for point in results["linearity"]:
        per_char = point["seconds_per_char"]
        print(
            f"  {_size_label(point['chars']):<26}{point['seconds']:>9.4f}{per_char * 1e9:>9.0f}"
            f"{per_char / first:>9.2f}x{point['quotes']:>8}{_mb(point['peak_bytes']):>11}"
        )


def run(args: argparse.Namespace) -> dict[str, Any]:
    cpu = None if args.no_pin else pin_to_one_cpu()
    corpus = load_corpus(args.corpus, args.field)
    config = Config()
    parser = Parser(config)
    results: dict[str, Any] = {
        "environment": {
            "quotetrack": quotetrack.__version__,
            "git": _git_revision(),
            "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.machine()}",
            "cpu": cpu,
        },
        "corpus": {
            "name": corpus.name,
            "docs": len(corpus.texts),
            "chars": corpus.chars,
            "utf8_bytes": corpus.utf8_bytes,
        },
        "repeat": args.repeat,
    }
    _progress("throughput")
    measured = quotetrack_throughput(parser, corpus, args.repeat)
    baseline = baseline_throughput(corpus, args.repeat)
    results["throughput"] = measured.to_dict()
    results["baseline"] = baseline.to_dict()
    results["slowdown"] = measured.seconds / baseline.seconds
    rss = max_rss_bytes()  # read before tracemalloc, whose bookkeeping would inflate it
    results["memory"] = {
        "tracemalloc_peak_bytes": traced_peak_bytes(lambda: list(map(len, parser.parse_many(corpus.texts)))),
        "max_rss_bytes": rss,
    }
    _progress("import time")
    results["import"] = asdict(import_time(args.import_runs))
    if args.stage:
        _progress("stages")
        results["stages"] = [asdict(s) for s in stage_times(config, corpus, args.repeat)]
    sizes = LINEARITY_SIZES + ((LARGE_SIZE,) if args.large else ())
    results["linearity"] = [
        asdict(p) | {"seconds_per_char": p.seconds_per_char} for p in linearity(parser, corpus, sizes, args.repeat)
    ]
    return results


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--corpus", type=Path, help="a .jsonl file (one JSON object per line) or a plain text file")
    cli.add_argument("--field", default="text", help="the JSONL field that holds the text (default: text)")
    cli.add_argument("--repeat", type=_positive, default=3, help="rounds per timing; the best counts (default: 3)")
    cli.add_argument("--stage", action="store_true", help="also time each pipeline stage")
    cli.add_argument("--large", action="store_true", help="add a 10 MB document to the linearity section")
    cli.add_argument("--import-runs", type=_positive, default=5, help="fresh processes for import time (default: 5)")
    cli.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    cli.add_argument("--json", action="store_true", help="print the results as JSON instead of tables")
    args = cli.parse_args(argv)
    results = run(args)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print_report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

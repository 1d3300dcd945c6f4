"""The ``quotetrack`` command: who said what in text files and JSONL corpora.

::

    quotetrack [FILE|DIR|-]... [--format table|json|jsonl|csv] [--output FILE]
               [--kind KIND]... [--min-confidence X] [--single-quotes auto|always|never]
               [--jobs N] [--jsonl-field FIELD] [--id-field FIELD] [--resume] [--no-progress]

A directory is searched (recursively, in sorted order) for ``.txt`` files, and
``-`` (or no argument, when standard input is not a terminal) reads standard
input. Files are read as UTF-8 with their line endings untouched, so every
``start``/``end`` offset slices the file's decoded text exactly.

A file whose name ends in ``.jsonl`` is a *corpus*: one JSON object a line, the
text in the field ``--jsonl-field`` (default ``text``) and the document's id in
``--id-field`` (default ``id``; the line number when the field is missing).
Standard input is read as a corpus when ``--jsonl-field`` is given. Corpus
records carry an ``"id"`` next to ``"file"``; tables and CSV show ``FILE#ID``.

Formats: ``table`` (default) is for people; ``json`` is one array of
``{"file", "document"}`` objects (``document`` is ``Document.to_dict()``);
``jsonl`` is one such object a line; ``csv`` is one row per quote. Each result
is written (and flushed) as soon as it is ready.

``--jobs N`` parses in N worker processes (``-1``: one per core); the output
is the same, in the same order. ``--resume`` (with ``--format jsonl --output
FILE``) skips the documents already in FILE and appends the others, so a run
that was killed loses nothing and never writes a document twice; a last line
cut off half-way is dropped and its document parsed again.

A progress counter is shown on standard error when it is a terminal (with
tqdm when it is installed), never in pipes or logs.

An input that cannot be read (missing, not UTF-8, a directory without ``.txt``
files, a corpus line that is not a JSON object with the text field) is reported
on standard error, in one line that says what to do; the other inputs are still
processed and the exit status is 2.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import re
import sys
import textwrap
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from . import __version__
from ._parallel import resolve_jobs
from .config import Config
from .model import Document, Quote, QuoteKind
from .parser import Parser
from .tracker import Tracker, format_by_speaker

__all__ = ["main"]

FORMATS = ("table", "json", "jsonl", "csv")
CSV_COLUMNS = ("file", "kind", "speaker", "speaker_mention", "cue", "start", "end", "confidence", "text")
STDIN = "-"
STDIN_NAME = "<stdin>"
CORPUS_SUFFIX = ".jsonl"
DEFAULT_TEXT_FIELD = "text"
DEFAULT_ID_FIELD = "id"
_EXCERPT = 72
_SPEAKER_WIDTH = 32


class InputError(Exception):
    """An input that cannot be processed; the message is the line shown to the user."""


@dataclass(frozen=True)
class _Input:
    name: str
    path: Path | None  # None for standard input


DocId = str | int
# A document in the output: its input's name, and its id in a corpus (None for a text file).
Key = tuple[str, DocId | None]


@dataclass(frozen=True)
class _Item:
    """One document to parse: where it comes from, and its text."""

    name: str
    doc_id: DocId | None
    text: str

    @property
    def key(self) -> Key:
        return (self.name, self.doc_id)

    @property
    def label(self) -> str:
        return self.name if self.doc_id is None else f"{self.name}#{self.doc_id}"


@dataclass
class _Reading:
    """How inputs are read, and what reading them found."""

    text_field: str = DEFAULT_TEXT_FIELD
    id_field: str = DEFAULT_ID_FIELD
    stdin_is_corpus: bool = False
    skip: set[Key] = field(default_factory=set)  # documents already in the output (--resume)
    failed: bool = False
    show: Callable[[str], None] = field(default=lambda message: _error(message))

    def report(self, message: str) -> None:
        self.show(message)
        self.failed = True


# --- reading inputs -------------------------------------------------------------


def _expand(argument: str) -> Iterator[_Input]:
    """The inputs one command-line argument stands for, or InputError."""
    if argument == STDIN:
        yield _Input(STDIN_NAME, None)
        return
    path = Path(argument)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*.txt") if p.is_file())
        if not found:
            raise InputError(
                f"{argument}: directory holds no .txt files; pass .txt files or a directory that contains some"
            )
        for file in found:
            yield _Input(str(file), file)
    elif path.exists():
        yield _Input(argument, path)
    else:
        raise InputError(f"{argument}: no such file or directory; check the path (use - to read standard input)")


def _read_bytes(source: _Input) -> bytes:
    if source.path is None:
        stream = sys.stdin
        buffer = getattr(stream, "buffer", None)
        return buffer.read() if buffer is not None else stream.read().encode("utf-8")
    try:
        return source.path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"{source.name}: cannot read it ({reason}); check that it is a readable file") from None


def _decode(source: _Input, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source.name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it to UTF-8 first, e.g. iconv -f windows-1252 -t utf-8"
        ) from None


def read_text(source: _Input) -> str:
    """The text of one input, decoded as UTF-8 with line endings kept."""
    return _decode(source, _read_bytes(source))


def _is_corpus(source: _Input, reading: _Reading) -> bool:
    if source.path is None:
        return reading.stdin_is_corpus
    return source.path.name.endswith(CORPUS_SUFFIX)


def _corpus_lines(source: _Input) -> Iterator[str]:
    """The lines of a JSONL corpus, read one at a time so that a corpus of any size fits in memory."""
    if source.path is None:
        yield from sys.stdin
        return
    try:
        with source.path.open(encoding="utf-8") as lines:
            yield from lines
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"{source.name}: cannot read it ({reason}); check that it is a readable file") from None


def _corpus_items(source: _Input, reading: _Reading) -> Iterator[_Item]:
    """The documents of a JSONL corpus; a bad line is reported and skipped."""
    number = 0
    try:
        for number, line in enumerate(_corpus_lines(source), start=1):
            if not line.strip():
                continue
            try:
                item = _corpus_item(source.name, number, line, reading)
            except InputError as error:
                reading.report(str(error))
                continue
            if item.key not in reading.skip:
                yield item
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source.name}: not UTF-8 text after line {number} ({error.reason}); convert it to UTF-8 first"
        ) from None


def _corpus_item(name: str, number: int, line: str, reading: _Reading) -> _Item:
    where = f"{name}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg}); a corpus holds one JSON object a line") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: a JSON {type(record).__name__}, not an object; each line must be a JSON object")
    text = record.get(reading.text_field)
    if not isinstance(text, str):
        raise InputError(f"{where}: no string field {reading.text_field!r}; name the text field with --jsonl-field")
    doc_id = record.get(reading.id_field, number)
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise InputError(f"{where}: the id field {reading.id_field!r} must be a string or an integer, got {doc_id!r}")
    return _Item(name, doc_id, text)


def _items(inputs: Sequence[str], reading: _Reading) -> Iterator[_Item]:
    """Every document the arguments stand for, in order; what cannot be read is reported and skipped."""
    for argument in inputs:
        try:
            sources = list(_expand(argument))
        except InputError as error:
            reading.report(str(error))
            continue
        for source in sources:
            try:
                if _is_corpus(source, reading):
                    yield from _corpus_items(source, reading)
                elif (source.name, None) not in reading.skip:
                    yield _Item(source.name, None, read_text(source))
            except InputError as error:
                reading.report(str(error))


# --- writing results ------------------------------------------------------------


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _speaker_label(quote: Quote) -> str:
    mention = quote.speaker_mention.text if quote.speaker_mention is not None else None
    if quote.speaker is None:
        return mention or "?"
    name = quote.speaker.name
    # The mention is worth showing only when it adds words the name lacks ("he", "the minister").
    if mention is None or name.casefold() in mention.casefold() or mention.casefold() in name.casefold():
        return name
    return f"{name} ({mention})"


def _position(quote: Quote) -> str:
    return f"p{quote.paragraph + 1} s{quote.sentence + 1}"


def _table_lines(name: str, document: Document) -> list[str]:
    count = len(document.quotes)
    lines = [f"== {name}: {count} quote{'s' if count != 1 else ''} =="]
    if not count:
        return [*lines, "(no quotes found)", ""]
    rows = [
        (
            _position(q),
            f"{q.span.start}-{q.span.end}",
            q.kind.value,
            _one_line(_speaker_label(q), _SPEAKER_WIDTH),
            _one_line(q.text, _EXCERPT),
        )
        for q in document.quotes
    ]
    header = ("where", "chars", "kind", "speaker", "quote")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
    return [*lines, ""]


def _record(item: _Item, document: Document) -> dict[str, object]:
    if item.doc_id is None:
        return {"file": item.name, "document": document.to_dict()}
    return {"file": item.name, "id": item.doc_id, "document": document.to_dict()}


def _csv_row(name: str, document: Document, quote: Quote) -> list[object]:
    return [
        name,
        quote.kind.value,
        quote.speaker.name if quote.speaker is not None else "",
        quote.speaker_mention.text if quote.speaker_mention is not None else "",
        quote.cue.slice(document.text) if quote.cue is not None else "",
        quote.span.start,
        quote.span.end,
        quote.confidence,
        quote.text,
    ]


# Lone surrogates reach the output from JSON escapes such as "\udcff" in a corpus; UTF-8 cannot hold them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json(record: dict[str, object], indent: int | None = None) -> str:
    line = json.dumps(record, ensure_ascii=False, indent=indent)
    if _SURROGATE.search(line) is None:
        return line
    # Escaped, they survive: json.loads gives back the very same string.
    return json.dumps(record, ensure_ascii=True, indent=indent)


def _printable(text: str) -> str:
    """``text`` for tables and CSV: one U+FFFD per lone surrogate keeps every offset in place."""
    return _SURROGATE.sub("\ufffd", text)


class _Writer:
    """Writes each file's result as soon as it is ready, in the chosen format."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        self._out = out
        self._format = fmt
        self._count = 0
        self._csv = csv.writer(out, lineterminator="\n")
        if fmt == "csv":
            self._csv.writerow(CSV_COLUMNS)

    def write(self, item: _Item, document: Document) -> None:
        if self._format == "table":
            self._out.write(_printable("\n".join(_table_lines(item.label, document)) + "\n"))
        elif self._format == "json":
            prefix = "[\n" if self._count == 0 else ",\n"
            self._out.write(prefix + textwrap.indent(_json(_record(item, document), indent=2), "  "))
        elif self._format == "jsonl":
            # One write call per line, so that a killed run leaves at most one partial line (see --resume).
            self._out.write(_json(_record(item, document)) + "\n")
        else:
            rows = (_csv_row(item.label, document, q) for q in document.quotes)
            self._csv.writerows([_printable(c) if isinstance(c, str) else c for c in row] for row in rows)
        self._count += 1
        # Flushed per document so that what is written survives a run that is stopped.
        self._out.flush()

    def close(self) -> None:
        if self._format == "json":
            self._out.write("\n]\n" if self._count else "[]\n")
        self._out.flush()


class _BySpeakerWriter:
    """Feeds every document to a :class:`~quotetrack.Tracker`; at the end, writes the quotes by speaker."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._tracker = Tracker()

    def write(self, item: _Item, document: Document) -> None:
        self._tracker.add(document, doc_id=item.label)

    def close(self) -> None:
        self._out.write(_printable(format_by_speaker(self._tracker)) + "\n")
        self._out.flush()


class _Progress:
    """A count of parsed documents on standard error: tqdm when installed, else a one-line counter.

    Nothing is drawn before the first document, so a run that stops early leaves no half-drawn bar.
    """

    _EVERY = 0.2  # seconds between redraws of the built-in counter

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._count = 0
        self._started = self._drawn = time.monotonic()
        self._bar: _Bar | None = None

    def step(self) -> None:
        if not self._enabled:
            return
        if self._count == 0:
            self._started = time.monotonic()
            self._bar = _tqdm_bar()
        self._count += 1
        if self._bar is not None:
            self._bar.update(1)
        elif time.monotonic() - self._drawn >= self._EVERY:
            self._draw()

    def error(self, message: str) -> None:
        """Show an error line without breaking the progress line."""
        if self._bar is not None:
            self._bar.clear()
            _error(message)
            self._bar.refresh()
            return
        if self._enabled and self._count:
            sys.stderr.write("\r\x1b[K")  # erase the counter; it is drawn again on the next step
        _error(message)

    def close(self) -> None:
        if not self._enabled or not self._count:
            return
        if self._bar is not None:
            self._bar.close()
        else:
            self._draw()
            sys.stderr.write("\n")
            sys.stderr.flush()

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        rate = self._count / max(self._drawn - self._started, 1e-9)
        sys.stderr.write(f"\rquotetrack: {self._count} documents ({rate:.1f}/s)")
        sys.stderr.flush()


class _Bar(Protocol):
    def update(self, n: int) -> object: ...

    def clear(self) -> None: ...

    def refresh(self) -> object: ...

    def close(self) -> None: ...


def _tqdm_bar() -> _Bar | None:
    # tqdm is optional (extra "progress"): without it the built-in counter is shown.
    try:
        tqdm = importlib.import_module("tqdm")
    except ImportError:
        return None
    bar: _Bar = tqdm.tqdm(desc="quotetrack", unit=" documents", file=sys.stderr)
    return bar


def _stderr_is_terminal() -> bool:
    return sys.stderr is not None and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()


def _done_keys(path: Path) -> set[Key]:
    """The documents already in a JSONL output; a last line cut off half-way is removed from the file.

    Raises InputError when a complete line is not a quotetrack record: resuming
    would then mix two kinds of file.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return set()
    except OSError as error:
        raise InputError(f"{path}: cannot read it to resume ({error.strerror}); check the --output path") from None
    complete = data.rfind(b"\n") + 1
    if complete < len(data):
        # A run killed in the middle of a line: drop that line, its document is parsed again.
        with path.open("r+b") as file:
            file.truncate(complete)
    keys: set[Key] = set()
    for number, line in enumerate(data[:complete].splitlines(), start=1):
        if line.strip():
            keys.add(_key_of_line(path, number, line))
    return keys


def _key_of_line(path: Path, number: int, line: bytes) -> Key:
    try:
        record = json.loads(line)
        name, doc_id = record["file"], record.get("id")
    except (ValueError, TypeError, KeyError, AttributeError):
        raise InputError(
            f"{path}:{number}: not a quotetrack JSONL record, so --resume cannot tell what is done; "
            "choose another --output file"
        ) from None
    if not isinstance(name, str) or isinstance(doc_id, bool) or not isinstance(doc_id, (str, int, type(None))):
        raise InputError(f"{path}:{number}: not a quotetrack JSONL record; choose another --output file")
    return (name, doc_id)


# --- command line ---------------------------------------------------------------


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotetrack",
        description="Find who said what in news text: direct, mixed and reported quotes with their speakers.",
        epilog="Exit status: 0 when every input was read, 2 when some could not be (the others are still processed).",
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="FILE|DIR|-", help="text files, directories of .txt files, or - for stdin"
    )
    parser.add_argument("-f", "--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in QuoteKind],
        help="report only this kind of quote (repeat for several; default: all)",
    )
    parser.add_argument(
        "--min-confidence", type=float, default=0.0, metavar="X", help="drop quotes below this confidence (0-1)"
    )
    parser.add_argument(
        "--single-quotes",
        choices=("auto", "always", "never"),
        default="auto",
        help="whether ‘…’ and '…' are quote marks (default: decide per text)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="parse in N worker processes; -1 for one per core (default: 1, in this process)",
    )
    parser.add_argument(
        "--jsonl-field",
        metavar="FIELD",
        help=f"the text field of .jsonl corpus records (default: {DEFAULT_TEXT_FIELD}); "
        "when given, standard input is read as a corpus too",
    )
    parser.add_argument(
        "--id-field",
        default=DEFAULT_ID_FIELD,
        metavar="FIELD",
        help=f"the id field of .jsonl corpus records (default: {DEFAULT_ID_FIELD}; the line number if absent)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="with --format jsonl --output FILE: skip the documents already in FILE and append the others",
    )
    parser.add_argument(
        "--by-speaker",
        action="store_true",
        help="after reading every input, print the quotes grouped by speaker across all of them",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="never show the progress counter (shown only on a terminal)"
    )
    parser.add_argument("--version", action="version", version=f"quotetrack {__version__}")
    return parser


def _config(args: argparse.Namespace) -> Config:
    kinds = frozenset(QuoteKind(k) for k in args.kind) if args.kind else frozenset(QuoteKind)
    return Config(kinds=kinds, min_confidence=args.min_confidence, single_quotes=args.single_quotes)


def _error(message: str) -> None:
    print(f"quotetrack: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None, *, parser: Parser | None = None) -> int:
    """Run the command line; returns the exit status.

    ``parser`` replaces the parser built from the options (for embedding and
    tests).
    """
    options = _argument_parser()
    try:
        args = options.parse_intermixed_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already printed
        return stop.code if isinstance(stop.code, int) else 2
    inputs: list[str] = args.inputs
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            options.print_usage(sys.stderr)
            _error("give text files or directories, or - to read standard input")
            return 2
        inputs = [STDIN]
    problem = _option_problem(args)
    if problem is not None:
        _error(problem)
        return 2
    if parser is None:
        try:
            parser = Parser(_config(args))
        except ValueError as error:
            _error(str(error))
            return 2
    progress = _Progress(enabled=not args.no_progress and _stderr_is_terminal())
    reading = _Reading(
        text_field=args.jsonl_field or DEFAULT_TEXT_FIELD,
        id_field=args.id_field,
        stdin_is_corpus=args.jsonl_field is not None,
        show=progress.error,
    )
    if args.resume:
        try:
            reading.skip = _done_keys(Path(args.output))
        except InputError as error:
            _error(str(error))
            return 2
    mode = "a" if args.resume else "w"
    try:
        out = open(args.output, mode, encoding="utf-8", newline="") if args.output else sys.stdout
    except OSError as error:
        _error(f"{args.output}: cannot write there ({error.strerror}); choose another --output path")
        return 2
    try:
        writer = _BySpeakerWriter(out) if args.by_speaker else _Writer(out, args.format)
        _process(inputs, parser, writer, reading, jobs=args.jobs, progress=progress)
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        progress.close()
        if out is not sys.stdout:
            out.close()
    return 2 if reading.failed else 0


def _option_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options together, as the line to show; None when they make sense."""
    try:
        resolve_jobs(args.jobs)
    except ValueError:
        return f"--jobs must be a positive number of processes or -1 for one per core, got {args.jobs}"
    if args.by_speaker and (args.resume or args.format != "table"):
        return "--by-speaker prints one report for all inputs: use it without --resume and --format"
    if args.resume and (args.format != "jsonl" or not args.output):
        return "--resume needs --format jsonl and --output FILE: it skips the documents already in FILE"
    if args.output and any(_same_file(args.output, argument) for argument in args.inputs):
        return f"{args.output} is an input too; writing there would destroy it, so choose another --output path"
    for option, value in (("--jsonl-field", args.jsonl_field), ("--id-field", args.id_field)):
        if value is not None and not value:
            return f"{option} needs a field name"
    return None


def _same_file(output: str, argument: str) -> bool:
    if argument == STDIN:
        return False
    try:
        return Path(output).resolve() == Path(argument).resolve()
    except OSError:
        return False


def _process(
    inputs: Sequence[str],
    parser: Parser,
    writer: _Writer | _BySpeakerWriter,
    reading: _Reading,
    *,
    jobs: int,
    progress: _Progress,
) -> None:
    """Parse every input and write its result as soon as it is ready."""
    resuming = bool(reading.skip)
    for item, document in _parsed(_items(inputs, reading), parser, jobs):
        writer.write(item, document)
        progress.step()
        if resuming:
            # The same document twice in the input is still written once.
            reading.skip.add(item.key)
    writer.close()


def _parsed(items: Iterable[_Item], parser: Parser, jobs: int) -> Iterator[tuple[_Item, Document]]:
    """Each item with its document, in input order, parsed in ``jobs`` processes."""
    # parse_many takes texts only and returns documents in the same order: the items wait here meanwhile.
    waiting: deque[_Item] = deque()

    def texts() -> Iterator[str]:
        for item in items:
            waiting.append(item)
            yield item.text

    for document in parser.parse_many(texts(), n_jobs=jobs):
        item = waiting.popleft()
        yield item, document

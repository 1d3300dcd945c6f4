"""The ``quotetrack`` command: who said what in text files.

::

    quotetrack [FILE|DIR|-]... [--format table|json|jsonl|csv] [--output FILE]
               [--kind KIND]... [--min-confidence X] [--single-quotes auto|always|never]

A directory is searched (recursively, in sorted order) for ``.txt`` files, and
``-`` (or no argument, when standard input is not a terminal) reads standard
input. Files are read as UTF-8 with their line endings untouched, so every
``start``/``end`` offset slices the file's decoded text exactly.

Formats: ``table`` (default) is for people; ``json`` is one array of
``{"file", "document"}`` objects (``document`` is ``Document.to_dict()``);
``jsonl`` is one such object a line; ``csv`` is one row per quote.

A file that cannot be read (missing, not UTF-8, a directory without ``.txt``
files) is reported on standard error, in one line that says what to do; the
other files are still processed and the exit status is 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from . import __version__
from .config import Config
from .model import Document, Quote, QuoteKind
from .parser import Parser

__all__ = ["main"]

FORMATS = ("table", "json", "jsonl", "csv")
CSV_COLUMNS = ("file", "kind", "speaker", "speaker_mention", "cue", "start", "end", "confidence", "text")
STDIN = "-"
STDIN_NAME = "<stdin>"
_EXCERPT = 72
_SPEAKER_WIDTH = 32


class InputError(Exception):
    """An input that cannot be processed; the message is the line shown to the user."""


@dataclass(frozen=True)
class _Input:
    name: str
    path: Path | None  # None for standard input


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


def _record(name: str, document: Document) -> dict[str, object]:
    return {"file": name, "document": document.to_dict()}


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


class _Writer:
    """Writes each file's result as soon as it is ready, in the chosen format."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        self._out = out
        self._format = fmt
        self._count = 0
        self._csv = csv.writer(out, lineterminator="\n")
        if fmt == "csv":
            self._csv.writerow(CSV_COLUMNS)

    def write(self, name: str, document: Document) -> None:
        if self._format == "table":
            self._out.write("\n".join(_table_lines(name, document)) + "\n")
        elif self._format == "json":
            prefix = "[\n" if self._count == 0 else ",\n"
            item = json.dumps(_record(name, document), ensure_ascii=False, indent=2)
            self._out.write(prefix + textwrap.indent(item, "  "))
        elif self._format == "jsonl":
            self._out.write(json.dumps(_record(name, document), ensure_ascii=False) + "\n")
        else:
            self._csv.writerows(_csv_row(name, document, q) for q in document.quotes)
        self._count += 1

    def close(self) -> None:
        if self._format == "json":
            self._out.write("\n]\n" if self._count else "[]\n")
        self._out.flush()


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
    if parser is None:
        try:
            parser = Parser(_config(args))
        except ValueError as error:
            _error(str(error))
            return 2
    try:
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    except OSError as error:
        _error(f"{args.output}: cannot write there ({error.strerror}); choose another --output path")
        return 2
    try:
        failed = _process(inputs, parser, _Writer(out, args.format))
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        if out is not sys.stdout:
            out.close()
    return 2 if failed else 0


def _process(inputs: Sequence[str], parser: Parser, writer: _Writer) -> bool:
    """Parse every input and write its result; True when some input failed."""
    failed = False
    for argument in inputs:
        try:
            sources = list(_expand(argument))
        except InputError as error:
            _error(str(error))
            failed = True
            continue
        for source in sources:
            try:
                text = read_text(source)
            except InputError as error:
                _error(str(error))
                failed = True
                continue
            writer.write(source.name, parser.parse(text))
    writer.close()
    return failed

"""Parsing many texts in worker processes: the machinery behind ``Parser.parse_many(texts, n_jobs=N)``.

How it works, and why:

- Texts are read lazily and grouped into chunks (``chunk_size`` texts, fewer
  when a chunk passes about a million characters) because one task per text
  would spend more time pickling than parsing.
- At most ``2 * n_jobs`` chunks are in flight at once, so memory stays bounded
  however long the input is: the input is never turned into a list.
- Results come back in input order: the caller waits for the oldest chunk while
  the others keep the workers busy.
- A worker rebuilds the parser from a pickled *recipe*, its
  :class:`~quotetrack.Config` and its stages (module-level functions pickle by
  reference), and keeps it for the following chunks. A stage that cannot be
  pickled (a lambda, a nested function) is refused up front with a
  :class:`TypeError`.
- Worker processes are started with the ``"spawn"`` method, which works the
  same on Linux, macOS and Windows and is safe in threaded programs. As with any
  spawned process, a script that calls ``parse_many(n_jobs=...)`` at top level
  must guard that code with ``if __name__ == "__main__":``.
- A document that fails in a worker raises :class:`ParseError` in the caller,
  after every document before it has been yielded, exactly where an in-process
  run would have raised; ``error.index`` is the document's position and the
  worker's exception is ``error.__cause__``.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .model import Document

if TYPE_CHECKING:
    # Imported for real (like pickle) only when processes are used: importing quotetrack stays cheap.
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

    from .parser import Parser

__all__ = ["DEFAULT_CHUNK_SIZE", "ParseError", "parse_in_processes", "resolve_jobs"]

DEFAULT_CHUNK_SIZE = 32
# A chunk closes early past this many characters, so a few huge documents do not make one huge task.
_CHUNK_CHARS = 1_000_000
# Two chunks per worker: one being parsed, one waiting, so no worker idles while the caller reads results.
_IN_FLIGHT_PER_JOB = 2
# Workers keep the parsers they built; a long-lived pool fed many configs must not grow without bound.
_MAX_CACHED_PARSERS = 8


class ParseError(RuntimeError):
    """A document could not be parsed in a worker process.

    ``index`` is the document's position in the input (counting from 0); the
    worker's own exception is ``__cause__``, with the worker's traceback as its
    ``__cause__``.
    """

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index

    def __reduce__(self) -> tuple[type[ParseError], tuple[str, int]]:
        return (ParseError, (str(self), self.index))


# --- arguments ---------------------------------------------------------------------------------


def resolve_jobs(n_jobs: object) -> int:
    """The number of worker processes ``n_jobs`` asks for (``-1``: one per usable core).

    >>> resolve_jobs(3)
    3
    >>> resolve_jobs(0)
    Traceback (most recent call last):
    ...
    ValueError: n_jobs must be a positive int (the number of worker processes) or -1 for all cores, got 0
    """
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(
            f"n_jobs must be a positive int (the number of worker processes) or -1 for all cores, got {n_jobs!r}"
        )
    return usable_cores() if n_jobs == -1 else n_jobs


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def check_chunk_size(chunk_size: object) -> int:
    if chunk_size is None:
        return DEFAULT_CHUNK_SIZE
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int (texts per task) or None, got {chunk_size!r}")
    return chunk_size


def check_texts(texts: object) -> None:
    """Refuse a single text where an iterable of texts belongs: iterating it would parse each character."""
    if isinstance(texts, str):
        raise TypeError("parse_many takes an iterable of texts, got one str: use parse(text), or pass [text]")
    if isinstance(texts, (bytes, bytearray, memoryview)):
        raise TypeError("parse_many takes an iterable of str texts, got bytes: decode them first")
    if not isinstance(texts, Iterable):
        raise TypeError(
            f"parse_many takes an iterable of str texts (a list, a generator...), got {type(texts).__name__}"
        )


# --- the caller's side ---------------------------------------------------------------------------


def parse_in_processes(
    parser: Parser,
    texts: Iterable[str],
    n_jobs: int,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    executor: Executor | None = None,
) -> Iterator[Document]:
    """The documents for ``texts``, in order, parsed by ``n_jobs`` worker processes.

    With ``executor``, chunks run there instead of in a pool started (and shut
    down) here, and ``n_jobs`` only bounds how many are in flight.
    Raises :class:`TypeError` at once when the parser's stages cannot be sent
    to another process.
    """
    recipe = _recipe(parser)
    return _ordered_documents(recipe, iter(texts), n_jobs, chunk_size, executor)


def _recipe(parser: Parser) -> bytes:
    """What a worker needs to rebuild ``parser``: its config and its stages, pickled."""
    import pickle

    try:
        return pickle.dumps((parser.config, parser.stages), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError) as error:
        culprit = next((name for name, stage in parser.stages if not _picklable(stage)), None)
        what = f"stage {culprit!r}" if culprit is not None else "the parser's config or stages"
        raise TypeError(
            f"parse_many(n_jobs>1) sends the parser to worker processes, but {what} cannot be pickled ({error}); "
            "define custom stages as module-level functions, or use n_jobs=1"
        ) from error


def _picklable(value: object) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(value))
    except Exception:
        return False
    return True


class _Chunk:
    __slots__ = ("error", "first", "texts")

    def __init__(self, first: int) -> None:
        self.first = first  # index of the chunk's first text in the whole input
        self.texts: list[str] = []
        # Raised once the chunk's documents have been yielded: a bad item that ended the input.
        self.error: TypeError | None = None


def _chunks(texts: Iterator[str], chunk_size: int) -> Iterator[_Chunk]:
    from .parser import _check_text

    chunk = _Chunk(0)
    chars = 0
    for index, text in enumerate(texts):
        problem = _text_problem(_check_text, text, index)
        if problem is not None:
            chunk.error = problem
            break
        chunk.texts.append(text)
        chars += len(text)
        if len(chunk.texts) >= chunk_size or chars >= _CHUNK_CHARS:
            yield chunk
            chunk, chars = _Chunk(index + 1), 0
    if chunk.texts or chunk.error is not None:
        yield chunk


def _text_problem(check: Callable[[object], None], text: object, index: int) -> TypeError | None:
    # Checked here, not in the worker, so the error is the same TypeError an in-process run raises.
    try:
        check(text)
    except TypeError as error:
        return TypeError(f"{error} (text {index} of the input)")
    return None


def _ordered_documents(
    recipe: bytes, texts: Iterator[str], n_jobs: int, chunk_size: int, executor: Executor | None
) -> Iterator[Document]:
    owned = executor is None
    pool = _new_pool(n_jobs) if executor is None else executor
    pending: deque[tuple[_Chunk, Future[_Outcome] | None]] = deque()
    try:
        for chunk in _chunks(texts, chunk_size):
            while len(pending) >= n_jobs * _IN_FLIGHT_PER_JOB:
                yield from _collect(*pending.popleft())
            future = pool.submit(_parse_chunk, recipe, chunk.first, chunk.texts) if chunk.texts else None
            pending.append((chunk, future))
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        for _, future in pending:
            if future is not None:
                future.cancel()
        if owned:
            pool.shutdown(wait=True, cancel_futures=True)


def _new_pool(n_jobs: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=n_jobs, mp_context=multiprocessing.get_context("spawn"))


def _collect(chunk: _Chunk, future: Future[_Outcome] | None) -> Iterator[Document]:
    """The chunk's documents, then its error if it has one."""
    from concurrent.futures.process import BrokenProcessPool

    if future is not None:
        try:
            outcome = future.result()
        except BrokenProcessPool as error:
            last = chunk.first + len(chunk.texts) - 1
            raise ParseError(
                f"a worker process died while parsing texts {chunk.first} to {last} "
                "(out of memory? killed?); run with n_jobs=1 to find the text",
                chunk.first,
            ) from error
        yield from outcome.documents
        if outcome.failure is not None:
            raise outcome.failure.as_parse_error()
    if chunk.error is not None:
        raise chunk.error


# --- the worker's side ---------------------------------------------------------------------------


class _RemoteTraceback(Exception):
    """Shows the worker's traceback under the error that crossed the process boundary."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f'\n"""\n{self.text}"""'


class _Failure:
    """Why a chunk stopped: sent back from the worker in place of the documents it could not make."""

    __slots__ = ("error", "index", "traceback", "while_doing")

    def __init__(self, index: int, error: BaseException, traceback: str, while_doing: str) -> None:
        self.index = index
        self.error = error
        self.traceback = traceback
        self.while_doing = while_doing

    def as_parse_error(self) -> ParseError:
        self.error.__cause__ = _RemoteTraceback(self.traceback)
        message = f"{self.while_doing} failed in a worker process: {type(self.error).__name__}: {self.error}"
        error = ParseError(message, self.index)
        error.__cause__ = self.error
        return error


class _Outcome:
    """What a worker sends back for a chunk: the documents it made, and the failure that stopped it, if any."""

    __slots__ = ("documents", "failure")

    def __init__(self, documents: list[Document], failure: _Failure | None = None) -> None:
        self.documents = documents
        self.failure = failure


_PARSERS: dict[bytes, Parser] = {}


def _parse_chunk(recipe: bytes, first: int, texts: list[str]) -> _Outcome:
    """Parse one chunk in a worker process (module level, so that "spawn" can find it)."""
    try:
        parser = _parser_from(recipe)
    except Exception as error:
        return _Outcome([], _failure(first, error, f"rebuilding the parser for text {first}"))
    documents = []
    for offset, text in enumerate(texts):
        try:
            documents.append(parser.parse(text))
        except Exception as error:
            return _Outcome(documents, _failure(first + offset, error, f"parsing text {first + offset}"))
    return _Outcome(documents)


def _parser_from(recipe: bytes) -> Parser:
    parser = _PARSERS.get(recipe)
    if parser is None:
        import pickle

        from .parser import Parser

        config, stages = pickle.loads(recipe)
        parser = Parser(config, stages=stages)
        if len(_PARSERS) >= _MAX_CACHED_PARSERS:
            _PARSERS.clear()
        _PARSERS[recipe] = parser
    return parser


def _failure(index: int, error: Exception, while_doing: str) -> _Failure:
    import traceback

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    # The error travels back pickled; one that cannot be (it holds a lock, a file...) travels as its repr.
    sendable: BaseException = error if _picklable(error) else RuntimeError(repr(error))
    sendable.__traceback__ = None
    return _Failure(index, sendable, text, while_doing)

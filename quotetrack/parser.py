"""The :class:`Parser`: named pipeline stages run in the order the data flows.

text → segmentation → quotes → mentions → coreference → attribution → results

Each stage is a function ``stage(analysis, context) -> None`` that reads what
the earlier stages left in the :class:`~quotetrack.model.Analysis` and adds its
own part. A parser holds nothing that changes after construction, so one
parser can serve many threads at once.

>>> parser = Parser()
>>> [name for name, _ in parser.stages]
['segmentation', 'quotes', 'mentions', 'coreference', 'attribution']
>>> doc = parser.parse('“We will win,” Smith said.')
>>> doc.quotes[0].text, doc.quotes[0].speaker_mention.text
('We will win,', 'Smith')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import (
    _parallel,
    stage1_segmentation,
    stage2_quotes,
    stage3_mentions,
    stage4_coreference,
    stage5_attribution,
    stage6_results,
)
from ._parallel import ParseError
from .config import Config
from .lexicon import Lexicon, default_lexicon
from .model import Analysis, Document

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["Context", "ParseError", "Parser", "Stage", "extract"]


@dataclass(frozen=True)
class Context:
    """What every stage may consult besides the document: settings and words."""

    config: Config
    lexicon: Lexicon


Stage = Callable[[Analysis, Context], None]

DEFAULT_STAGES: tuple[tuple[str, Stage], ...] = (
    ("segmentation", stage1_segmentation.run),
    ("quotes", stage2_quotes.run),
    ("mentions", stage3_mentions.run),
    ("coreference", stage4_coreference.run),
    ("attribution", stage5_attribution.run),
)


class Parser:
    """Finds who said what in texts.

    Args:
        config: settings (:class:`~quotetrack.Config`); the defaults suit news.
        stages: replace the pipeline: a sequence of ``(name, stage)`` pairs.
            Use :meth:`with_stage` to swap one stage and keep the others.
    """

    __slots__ = ("_config", "_context", "_stages")

    def __init__(self, config: Config | None = None, *, stages: Sequence[tuple[str, Stage]] | None = None) -> None:
        if config is None:
            config = Config()
        if not isinstance(config, Config):
            raise TypeError(f"Parser(config=...) takes a quotetrack.Config, got {type(config).__name__}")
        self._config = config
        self._context = Context(config, _lexicon_for(config))
        self._stages = tuple(DEFAULT_STAGES if stages is None else _checked_stages(stages))

    @property
    def config(self) -> Config:
        return self._config

    @property
    def stages(self) -> tuple[tuple[str, Stage], ...]:
        """The stages as ``(name, function)`` pairs, in the order they run."""
        return self._stages

    def with_stage(self, name: str, stage: Stage) -> Parser:
        """A new parser whose stage ``name`` is replaced by ``stage``."""
        names = [n for n, _ in self._stages]
        if name not in names:
            raise ValueError(f"no stage named {name!r}; the stages are {names}")
        return Parser(self._config, stages=[(n, stage if n == name else s) for n, s in self._stages])

    def parse(self, text: str) -> Document:
        """Find the quotes in one text."""
        _check_text(text)
        analysis = Analysis(text=text)
        for _, stage in self._stages:
            stage(analysis, self._context)
        return stage6_results.build_document(analysis, self._config)

    def parse_many(
        self,
        texts: Iterable[str],
        n_jobs: int = 1,
        *,
        chunk_size: int | None = None,
        executor: Executor | None = None,
    ) -> Iterator[Document]:
        """Parse many texts lazily, in order, in this process or in ``n_jobs`` worker processes.

        Args:
            texts: any iterable of ``str``; it is read as the results are consumed,
                never all at once, so memory stays bounded however many texts.
            n_jobs: worker processes; ``1`` (default) parses in this process, one
                text at a time; ``-1`` uses every usable core. The documents are the
                same whatever ``n_jobs`` is.
            chunk_size: texts sent to a worker per task (default 32).
            executor: an already running :class:`concurrent.futures.Executor` to
                use instead of starting (and stopping) a pool of ``n_jobs``
                processes on each call; ``n_jobs`` then bounds the chunks in flight.

        Workers rebuild the parser from its config and stages, so custom stages
        must be module-level functions (a lambda raises :class:`TypeError`), and a
        script must call this under ``if __name__ == "__main__":``. A text that
        fails in a worker raises :class:`~quotetrack.parser.ParseError` (with the
        text's ``index``) once the texts before it have been yielded.

        >>> [len(doc) for doc in Parser().parse_many(["No quotes here.", "“Yes,” Ana said."])]
        [0, 1]
        """
        _parallel.check_texts(texts)
        jobs = _parallel.resolve_jobs(n_jobs)
        size = _parallel.check_chunk_size(chunk_size)
        if jobs == 1 and executor is None:
            return (self.parse(text) for text in texts)
        return _parallel.parse_in_processes(self, texts, jobs, chunk_size=size, executor=executor)

    def __repr__(self) -> str:
        return f"Parser(config={self._config!r})"


def extract(text: str, *, config: Config | None = None) -> Document:
    """Find who said what in ``text``.

    >>> doc = extract('Smith said: “Prices will fall.”')
    >>> [(q.kind.value, q.text) for q in doc.quotes]
    [('direct', 'Prices will fall.')]
    """
    _check_text(text)
    parser = _default_parser() if config is None else Parser(config)
    return parser.parse(text)


_DEFAULT_PARSER: list[Parser] = []


def _default_parser() -> Parser:
    # Built lazily so that importing quotetrack stays cheap.
    if not _DEFAULT_PARSER:
        _DEFAULT_PARSER.append(Parser())
    return _DEFAULT_PARSER[0]


def _lexicon_for(config: Config) -> Lexicon:
    return default_lexicon().extended(
        cue_verbs=config.extra_cue_verbs,
        titles=config.extra_titles,
        roles=config.extra_roles,
        organisations=config.extra_organisations,
    )


def _checked_stages(stages: Sequence[tuple[str, Stage]]) -> list[tuple[str, Stage]]:
    checked = []
    for item in stages:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and callable(item[1])):
            raise TypeError(f"each stage must be a (name, callable) pair, got {item!r}")
        checked.append(item)
    return checked


def _check_text(text: object) -> None:
    if isinstance(text, str):
        return
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError("quotetrack takes text as str, got bytes: decode it first, e.g. data.decode('utf-8')")
    raise TypeError(f"quotetrack takes text as str, got {type(text).__name__}; pass the article's text as a string")

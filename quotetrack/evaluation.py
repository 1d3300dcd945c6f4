"""Measure a parser against hand-annotated quotes ("gold" data).

Run it from the shell::

    python -m quotetrack.evaluation GOLD.jsonl [GOLD2 ...] [--baseline regex]
        [--kind direct|mixed|indirect] [--errors N] [--limit N] [--json]

or from Python with :func:`evaluate` (or :func:`score_document` for
predictions you made yourself).

Gold layouts
------------
Two layouts load into the same :class:`GoldDocument`:

- JSONL, one document per line: ``{"id", "source", "text", "quotes": [{"start",
  "end", "text", "kind", "speaker", "speaker_mention", "cue", "qid"}], "meta"}``
  where ``speaker_mention`` and ``cue`` are ``{"start", "end", "text"}`` or null.
  Two optional document fields extend it: ``"non_speech"`` (a list of
  ``{"start", "end", "text"}`` spans that hold no quote, such as scare quotes and
  titles: no prediction may touch them) and ``"speaker_names"`` (see below).
- The hand-annotated ``*.gold.json`` of a seed article: ``{"document": "<file
  next to it>", "quotes": [{"kind", "content", "speaker", "speaker_mention",
  "cue", "required"}], "non_speech": [...]}``.

``speaker_names`` says what a gold ``speaker`` is: ``"canonical"`` (a resolved
name, as in the seed and LitBank) or ``"as_written"`` (the source's words as in
the text, as in PolNeAR, which has no canonical names). When it is missing,
documents whose source is PolNeAR are ``"as_written"`` and all others canonical.

Scoring (coverage matching)
---------------------------
Every span that is *judged* is first trimmed of spaces, quote marks and
punctuation at both ends (:func:`trim_span`), so that segmentation choices such
as keeping a final comma do not matter.

- A gold fragment is **found** when predictions of any kind cover at least half
  of its trimmed characters. Recall of a kind = found gold fragments of that
  kind / gold fragments of that kind.
- A prediction is **correct** when gold fragments of any kind cover at least half
  of its trimmed characters. Precision of a kind = correct predictions of that
  kind / predictions of that kind (0.0 when there are none).
- A found gold fragment is **attributed** when the prediction that overlaps it
  most names its speaker (:func:`speaker_matches`): for canonical names, the
  gold surname (last word of the name) is among the words of the predicted
  speaker's name (``Quote.speaker.name``, else the speaker mention's words);
  for as-written sources, the predicted speaker mention overlaps the gold
  mention, or the predicted name holds the last capitalised word of the gold
  mention (cut before any comma or parenthesis, so an appositive such as ``,
  head of the caucus`` does not count).

Attribution is scored end to end, over gold fragments that name a speaker:

- recall = attributed gold fragments / gold fragments with a speaker;
- precision = correctly attributed predictions / predictions that name a
  speaker, where a prediction is correctly attributed when it is correct and
  names the speaker of the gold fragment it overlaps most. Predictions whose
  best gold fragment names no speaker are left out (nothing to judge);
- speaker accuracy = attributed / found, among fragments with a speaker: how
  often the speaker is right once the quote is found.

>>> from quotetrack import Mention
>>> text = '“We will win,” Smith said. Jones disagreed.'
>>> said = GoldQuote(Span(1, 13), "We will win,", QuoteKind.DIRECT, speaker="Ann Smith")
>>> gold = GoldDocument(id="d1", text=text, quotes=(said,))
>>> guess = Quote(Span(1, 12), "We will win", QuoteKind.DIRECT,
...               speaker_mention=Mention(Span(15, 20), "Smith"))
>>> report = summarise([score_document(gold, [guess])])
>>> report.detection["direct"].recall, report.detection["direct"].precision
(1.0, 1.0)
>>> report.attribution["all"].recall
1.0
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Generic, Literal, TypeVar

import regex

from .lexicon import CueCategory, Lexicon, default_lexicon
from .model import Document, Quote, QuoteKind, Span
from .parser import Parser

__all__ = [
    "AttributionScore",
    "DocumentResult",
    "GoldDocument",
    "GoldFormatError",
    "GoldOutcome",
    "GoldQuote",
    "GoldSpan",
    "PredictionOutcome",
    "Report",
    "Score",
    "SubsetScore",
    "evaluate",
    "format_report",
    "format_summary",
    "load_gold",
    "main",
    "mention_type",
    "regex_baseline",
    "score_document",
    "speaker_matches",
    "summarise",
    "trim_span",
]

SpeakerNames = Literal["canonical", "as_written"]
KINDS: tuple[str, ...] = ("direct", "mixed", "indirect")
ALL = "all"

# --- gold data ------------------------------------------------------------------


class GoldFormatError(ValueError):
    """A gold file or record does not follow the layout (the message says where and what)."""


@dataclass(frozen=True)
class GoldSpan:
    """An annotated stretch of text (a speaker mention, a cue, a non-speech span)."""

    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class GoldQuote:
    """One annotated quote fragment.

    ``span`` covers the content (quote marks excluded for direct quotes). The
    fragments of one interrupted quote share ``qid``. ``required`` is False for
    harder reports that a strong system should still find (seed layout only).
    """

    span: Span
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_mention: GoldSpan | None = None
    cue: GoldSpan | None = None
    qid: str = ""
    required: bool = True


@dataclass(frozen=True)
class GoldDocument:
    """A text with its annotated quotes; see the module docstring for the fields."""

    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    source: str = ""
    speaker_names: SpeakerNames = "canonical"
    non_speech: tuple[GoldSpan, ...] = ()


def load_gold(path: str | Path) -> tuple[GoldDocument, ...]:
    """Read a gold file: JSONL (one document a line) or a seed ``*.gold.json``.

    Raises :class:`GoldFormatError` (a ValueError) naming the file and the
    place when a record is malformed or an offset does not slice its text.
    """
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return tuple(_jsonl_documents(path, raw))
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"{path}: not JSON ({error}); pass a .jsonl gold file or a seed .gold.json") from None
    if isinstance(data, dict) and "document" in data:
        return (_seed_document(path, data),)
    records = data if isinstance(data, list) else [data]
    return tuple(_record_document(record, f"{path} record {i + 1}") for i, record in enumerate(records))


def gold_from_record(record: Mapping[str, object]) -> GoldDocument:
    """One JSONL gold record (already parsed from JSON) as a :class:`GoldDocument`."""
    return _record_document(record, f"gold record {record.get('id', '?')!r}")


def _jsonl_documents(path: Path, raw: str) -> Iterable[GoldDocument]:
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldFormatError(f"{where}: not JSON ({error}); each line must hold one JSON object") from None
        yield _record_document(record, where)


def _record_document(record: object, where: str) -> GoldDocument:
    record = _mapping(record, where)
    text = _string(record, "text", where)
    source = str(record.get("source", ""))
    quotes = []
    for i, item in enumerate(_list(record, "quotes", where)):
        spot = f"{where} quote {i + 1}"
        quote = _mapping(item, spot)
        quotes.append(_gold_quote(quote, quote, text, spot))
    meta = record.get("meta")
    names = record.get("speaker_names", meta.get("speaker_names") if isinstance(meta, dict) else None)
    return GoldDocument(
        id=str(record.get("id", where)),
        text=text,
        quotes=tuple(quotes),
        source=source,
        speaker_names=_speaker_names(names, source, where),
        non_speech=_non_speech(record, text, where),
    )


def _seed_document(path: Path, data: Mapping[str, object]) -> GoldDocument:
    where = str(path)
    document = path.parent / _string(data, "document", where)
    try:
        text = document.read_text(encoding="utf-8")
    except OSError as error:
        raise GoldFormatError(f"{where}: cannot read its document {document} ({error.strerror})") from None
    quotes = []
    for i, item in enumerate(_list(data, "quotes", where)):
        spot = f"{where} quote {i + 1}"
        quote = _mapping(item, spot)
        quotes.append(_gold_quote(quote, _mapping(quote.get("content"), f"{spot} content"), text, spot))
    return GoldDocument(
        id=document.stem,
        text=text,
        quotes=tuple(quotes),
        source=str(data.get("source", "seed")),
        speaker_names=_speaker_names(data.get("speaker_names"), "seed", where),
        non_speech=_non_speech(data, text, where),
    )


def _gold_quote(quote: Mapping[str, object], content: Mapping[str, object], text: str, where: str) -> GoldQuote:
    span = _gold_span(content, text, where)
    kind_name = quote.get("kind")
    try:
        kind = QuoteKind(kind_name)
    except ValueError:
        raise GoldFormatError(f"{where}: kind must be one of {list(KINDS)}, got {kind_name!r}") from None
    speaker = quote.get("speaker")
    return GoldQuote(
        span=span.span,
        text=span.text,
        kind=kind,
        speaker=speaker if isinstance(speaker, str) and speaker.strip() else None,
        speaker_mention=_optional_span(quote.get("speaker_mention"), text, f"{where} speaker_mention"),
        cue=_optional_span(quote.get("cue"), text, f"{where} cue"),
        qid=str(quote.get("qid", "")),
        required=quote.get("required", True) is not False,
    )


def _optional_span(value: object, text: str, where: str) -> GoldSpan | None:
    return None if value is None else _gold_span(_mapping(value, where), text, where)


def _gold_span(value: Mapping[str, object], text: str, where: str) -> GoldSpan:
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise GoldFormatError(f"{where}: needs int offsets 0 <= start <= end <= {len(text)}, got {start!r}, {end!r}")
    expected = value.get("text", text[start:end])
    if text[start:end] != expected:
        raise GoldFormatError(f"{where}: text[{start}:{end}] is {text[start:end]!r}, but the record says {expected!r}")
    return GoldSpan(start, end, text[start:end])


def _non_speech(record: Mapping[str, object], text: str, where: str) -> tuple[GoldSpan, ...]:
    items = record.get("non_speech", [])
    if not isinstance(items, list):
        raise GoldFormatError(f"{where}: non_speech must be a list of {{start, end, text}} objects")
    return tuple(_gold_span(_mapping(item, f"{where} non_speech"), text, f"{where} non_speech") for item in items)


def _speaker_names(value: object, source: str, where: str) -> SpeakerNames:
    if value is None:
        return "as_written" if source.casefold().startswith("polnear") else "canonical"
    if value == "canonical" or value == "as_written":
        return value
    raise GoldFormatError(f"{where}: speaker_names must be 'canonical' or 'as_written', got {value!r}")


def _mapping(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise GoldFormatError(f"{where}: expected a JSON object, got {type(value).__name__}")
    return value


def _list(record: Mapping[str, object], key: str, where: str) -> list[object]:
    value = record.get(key)
    if not isinstance(value, list):
        raise GoldFormatError(f"{where}: {key!r} must be a list")
    return value


def _string(record: Mapping[str, object], key: str, where: str) -> str:
    value = record.get(key)
    if not isinstance(value, str):
        raise GoldFormatError(f"{where}: {key!r} must be a string")
    return value


# --- span arithmetic ------------------------------------------------------------


def _is_trimmed_char(char: str) -> bool:
    # Quote marks are all punctuation (Pi, Pf, Po) except the backtick and
    # acute accent that plain-text typists use as quotes (Sk).
    category = unicodedata.category(char)
    return char.isspace() or category[0] == "P" or category == "Sk"


def trim_span(text: str, span: Span) -> Span:
    """``span`` without spaces, quote marks and punctuation at either end.

    A span made only of such characters is returned unchanged, so that it still
    has a length to be judged by.

    >>> text = 'He said: “Yes, we can!” '
    >>> trim_span(text, Span(8, 24)).slice(text)
    'Yes, we can'
    >>> trim_span(text, Span(21, 24))
    Span(start=21, end=24)
    """
    start, end = span.start, span.end
    while start < end and _is_trimmed_char(text[start]):
        start += 1
    while end > start and _is_trimmed_char(text[end - 1]):
        end -= 1
    return Span(start, end) if start < end else span


class _Coverage:
    """The union of some spans, to ask how many characters of a span it covers.

    Built once per document side in O(n log n); each question costs O(log n + k).
    """

    def __init__(self, spans: Iterable[Span]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for span in sorted(s for s in spans if s.end > s.start):
            if self._ends and span.start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], span.end)
            else:
                self._starts.append(span.start)
                self._ends.append(span.end)

    def covered(self, span: Span) -> int:
        total = 0
        i = bisect_right(self._ends, span.start)
        while i < len(self._starts) and self._starts[i] < span.end:
            total += min(span.end, self._ends[i]) - max(span.start, self._starts[i])
            i += 1
        return total


def _half_covered(covered: int, span: Span) -> bool:
    return len(span) > 0 and 2 * covered >= len(span)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


T = TypeVar("T")


class _OverlapIndex(Generic[T]):
    """Finds, among items with spans, the one that overlaps a span most."""

    def __init__(self, items: Sequence[T], span_of: Callable[[T], Span]) -> None:
        order = sorted(range(len(items)), key=lambda i: (span_of(items[i]).start, i))
        self._spans = [span_of(items[i]) for i in order]
        self._order = order
        self._starts = [s.start for s in self._spans]
        # Running maximum of the ends lets a scan stop as soon as no earlier
        # span can still reach the query.
        self._max_end: list[int] = []
        for s in self._spans:
            self._max_end.append(max(s.end, self._max_end[-1] if self._max_end else 0))

    def best(self, span: Span) -> int | None:
        """Index (into the original items) of the biggest overlap; ties go to the earlier item."""
        best: tuple[int, int] | None = None  # (overlap, -index): the larger wins
        i = bisect_left(self._starts, span.end) - 1
        while i >= 0 and self._max_end[i] > span.start:
            candidate = (_overlap(self._spans[i], span), -self._order[i])
            if candidate[0] > 0 and (best is None or candidate > best):
                best = candidate
            i -= 1
        return None if best is None else -best[1]


# --- speakers -------------------------------------------------------------------

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")
_POSSESSIVE = regex.compile(r"['’]s$")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_DESCRIPTION_STARTS = frozenset({"a", "an", "the", "his", "her", "its", "their"})
_EXTRA_PRONOUNS = frozenset(
    {"i", "me", "my", "we", "us", "our", "you", "your", "who", "whom", "which", "that", "this", "these", "those"}
)
# Words that are capitalised at the start of a mention without naming anyone.
_NOT_NAMES = _DESCRIPTION_STARTS | _EXTRA_PRONOUNS | frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov"})
_APPOSITION = regex.compile(r"[,(;—–]")


def _words(text: str) -> list[str]:
    return [_POSSESSIVE.sub("", w).casefold() for w in _WORD.findall(text)]


@cache
def _pronouns() -> frozenset[str]:
    return frozenset(p.casefold() for p in default_lexicon().pronouns) | _EXTRA_PRONOUNS


def _surname(name: str) -> str | None:
    words = [w for w in _words(name) if w not in _NAME_SUFFIXES]
    return words[-1] if words else None


def _last_capitalised_word(mention: str) -> str | None:
    head = _APPOSITION.split(mention, maxsplit=1)[0]
    ignored = _NOT_NAMES | _pronouns()
    capitalised = [w for w in _WORD.findall(head) if w[0].isupper() and w.casefold() not in ignored]
    return _POSSESSIVE.sub("", capitalised[-1]).casefold() if capitalised else None


def _predicted_name(quote: Quote) -> str | None:
    if quote.speaker is not None:
        return quote.speaker.name
    if quote.speaker_mention is not None:
        return quote.speaker_mention.text
    return None


def speaker_matches(gold: GoldQuote, prediction: Quote, speaker_names: SpeakerNames = "canonical") -> bool:
    """Whether ``prediction`` names the speaker of ``gold`` (rules in the module docstring).

    >>> from quotetrack import Mention
    >>> gold = GoldQuote(Span(0, 5), "Hello", QuoteKind.DIRECT, "Dmitry Peskov")
    >>> speaker_matches(gold, Quote(Span(0, 5), "Hello", QuoteKind.DIRECT,
    ...                             speaker_mention=Mention(Span(9, 15), "Peskov")))
    True
    """
    name = _predicted_name(prediction)
    if name is None:
        return False
    if speaker_names == "canonical":
        surname = _surname(gold.speaker) if gold.speaker else None
        return surname is not None and surname in _words(name)
    mention = gold.speaker_mention
    if mention is None:
        return False
    if prediction.speaker_mention is not None and prediction.speaker_mention.span.overlaps(mention.span):
        return True
    word = _last_capitalised_word(mention.text)
    return word is not None and word in _words(name)


def _names_speaker(gold: GoldQuote, speaker_names: SpeakerNames) -> bool:
    if speaker_names == "canonical":
        return gold.speaker is not None
    return gold.speaker_mention is not None


MentionType = Literal["pronoun", "description", "name"]


def mention_type(mention: str) -> MentionType:
    """What sort of words a gold speaker mention is.

    >>> [mention_type(m) for m in ("she", "the Kremlin", "experts", "Mr. Obama")]
    ['pronoun', 'description', 'description', 'name']
    """
    words = _WORD.findall(mention)
    if not words:
        return "description"
    if len(words) == 1 and words[0].casefold() in _pronouns():
        return "pronoun"
    if words[0].casefold() in _DESCRIPTION_STARTS or words[0][0].islower():
        return "description"
    return "name"


def _has_speech_cue(gold: GoldQuote) -> bool:
    if gold.cue is None:
        return False
    lexicon = default_lexicon()
    return any(_is_speech_cue(lexicon, word) for word in _WORD.findall(gold.cue.text))


def _is_speech_cue(lexicon: Lexicon, word: str) -> bool:
    cue = lexicon.cue(word)
    return cue is not None and cue.category is CueCategory.SPEECH


# --- scoring one document -------------------------------------------------------


@dataclass(frozen=True)
class GoldOutcome:
    """What happened to one gold fragment.

    ``attributed`` is None when the gold names no speaker (nothing to judge).
    """

    quote: GoldQuote
    found: bool
    best: Quote | None
    attributed: bool | None


@dataclass(frozen=True)
class PredictionOutcome:
    """What happened to one predicted quote.

    ``attributed`` is None when the prediction names no speaker, or when it is
    correct but its gold fragment names none.
    """

    quote: Quote
    correct: bool
    best: GoldQuote | None
    attributed: bool | None


@dataclass(frozen=True)
class DocumentResult:
    """Every gold fragment and every prediction of one document, judged."""

    gold: GoldDocument
    gold_outcomes: tuple[GoldOutcome, ...]
    prediction_outcomes: tuple[PredictionOutcome, ...]
    # Each non-speech span that some prediction touches, with the first such prediction.
    non_speech_hits: tuple[tuple[GoldSpan, Quote], ...] = ()


def score_document(gold: GoldDocument, predictions: Iterable[Quote]) -> DocumentResult:
    """Judge ``predictions`` (quotes found in ``gold.text``) against the gold fragments.

    Raises ValueError when a prediction's span does not fit in the text.
    """
    predicted = tuple(predictions)
    text = gold.text
    for quote in predicted:
        if not isinstance(quote, Quote):
            raise TypeError(f"predictions must be quotetrack.Quote objects, got {type(quote).__name__}")
        if quote.span.end > len(text):
            raise ValueError(f"prediction {quote.span} lies beyond the end of document {gold.id!r} ({len(text)} chars)")
    gold_trimmed = [trim_span(text, g.span) for g in gold.quotes]
    predicted_trimmed = [trim_span(text, q.span) for q in predicted]
    by_prediction = _Coverage(q.span for q in predicted)
    by_gold = _Coverage(g.span for g in gold.quotes)
    prediction_index = _OverlapIndex(predicted, lambda q: q.span)
    gold_index = _OverlapIndex(gold.quotes, lambda g: g.span)
    gold_outcomes = tuple(
        _gold_outcome(g, trimmed, by_prediction, prediction_index, predicted, gold.speaker_names)
        for g, trimmed in zip(gold.quotes, gold_trimmed)
    )
    prediction_outcomes = tuple(
        _prediction_outcome(q, trimmed, by_gold, gold_index, gold.quotes, gold.speaker_names)
        for q, trimmed in zip(predicted, predicted_trimmed)
    )
    return DocumentResult(gold, gold_outcomes, prediction_outcomes, _non_speech_hits(gold.non_speech, predicted))


def _gold_outcome(
    gold: GoldQuote,
    trimmed: Span,
    coverage: _Coverage,
    index: _OverlapIndex[Quote],
    predictions: Sequence[Quote],
    speaker_names: SpeakerNames,
) -> GoldOutcome:
    found = _half_covered(coverage.covered(trimmed), trimmed)
    best_index = index.best(trimmed)
    best = predictions[best_index] if best_index is not None else None
    attributed = None
    if _names_speaker(gold, speaker_names):
        attributed = found and best is not None and speaker_matches(gold, best, speaker_names)
    return GoldOutcome(gold, found, best, attributed)


def _prediction_outcome(
    prediction: Quote,
    trimmed: Span,
    coverage: _Coverage,
    index: _OverlapIndex[GoldQuote],
    golds: Sequence[GoldQuote],
    speaker_names: SpeakerNames,
) -> PredictionOutcome:
    correct = _half_covered(coverage.covered(trimmed), trimmed)
    best_index = index.best(trimmed)
    best = golds[best_index] if best_index is not None else None
    attributed: bool | None = None
    if _predicted_name(prediction) is not None:
        if not correct or best is None:
            attributed = False
        elif _names_speaker(best, speaker_names):
            attributed = speaker_matches(best, prediction, speaker_names)
    return PredictionOutcome(prediction, correct, best, attributed)


def _non_speech_hits(spans: Sequence[GoldSpan], predictions: Sequence[Quote]) -> tuple[tuple[GoldSpan, Quote], ...]:
    hits = []
    for span in spans:
        for quote in predictions:
            touched = [quote.span] + ([quote.speaker_mention.span] if quote.speaker_mention is not None else [])
            if any(s.overlaps(span.span) for s in touched):
                hits.append((span, quote))
                break
    return tuple(hits)


# --- aggregate scores -----------------------------------------------------------


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Score:
    """Quote detection counts; precision is 0.0 when nothing was predicted."""

    gold: int
    found: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, float | int]:
        return {**self.__dict__, "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class AttributionScore:
    """Attribution counts over gold fragments that name a speaker.

    ``gold``: such fragments; ``found``: those found; ``attributed``: those
    attributed; ``predicted``: predictions that name a speaker (and can be
    judged); ``correct``: those correctly attributed.
    """

    gold: int
    found: int
    attributed: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.attributed, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def accuracy(self) -> float:
        """Speaker accuracy on found quotes: attributed / found."""
        return _ratio(self.attributed, self.found)

    def to_dict(self) -> dict[str, float | int]:
        return {
            **self.__dict__,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "speaker_accuracy": self.accuracy,
        }


@dataclass(frozen=True)
class SubsetScore:
    """Recall and speaker accuracy on a subset of the gold fragments.

    ``judged`` counts the found fragments that name a speaker.
    """

    gold: int
    found: int
    judged: int
    attributed: int

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def accuracy(self) -> float:
        return _ratio(self.attributed, self.judged)

    def to_dict(self) -> dict[str, float | int]:
        return {**self.__dict__, "recall": self.recall, "speaker_accuracy": self.accuracy}


@dataclass(frozen=True)
class Report:
    """All the numbers for one run over some gold documents, and the judged items.

    ``detection`` and ``attribution`` are keyed by ``"direct"``, ``"mixed"``,
    ``"indirect"`` and ``"all"``. ``cues`` splits the mixed and indirect gold
    fragments by their cue (``"speech verb"`` when a cue word is a reporting verb
    of the lexicon, else ``"other cue"``); ``mention_types`` splits the
    fragments with a speaker mention by its type (:func:`mention_type`).
    """

    name: str
    results: tuple[DocumentResult, ...]
    detection: Mapping[str, Score]
    attribution: Mapping[str, AttributionScore]
    cues: Mapping[str, SubsetScore]
    mention_types: Mapping[str, SubsetScore]
    required: SubsetScore
    non_speech: int
    non_speech_hit: int
    seconds: float = 0.0
    predictor: str = "quotetrack"

    @property
    def documents(self) -> int:
        return len(self.results)

    @property
    def characters(self) -> int:
        return sum(len(r.gold.text) for r in self.results)

    @property
    def hand_annotated(self) -> bool:
        """True when the gold marks optional quotes or non-speech spans (seed style)."""
        return self.non_speech > 0 or self.required.gold < self.detection[ALL].gold

    def to_dict(self) -> dict[str, object]:
        """The metrics (not the judged items) as JSON-ready data."""
        return {
            "name": self.name,
            "predictor": self.predictor,
            "documents": self.documents,
            "characters": self.characters,
            "seconds": round(self.seconds, 3),
            "detection": {k: v.to_dict() for k, v in self.detection.items()},
            "attribution": {k: v.to_dict() for k, v in self.attribution.items()},
            "cues": {k: v.to_dict() for k, v in self.cues.items()},
            "mention_types": {k: v.to_dict() for k, v in self.mention_types.items()},
            "required": self.required.to_dict(),
            "non_speech": {"spans": self.non_speech, "hit": self.non_speech_hit},
        }


def summarise(
    results: Iterable[DocumentResult], name: str = "", *, seconds: float = 0.0, predictor: str = "quotetrack"
) -> Report:
    """Add up judged documents into a :class:`Report`."""
    results = tuple(results)
    golds = [o for r in results for o in r.gold_outcomes]
    predictions = [o for r in results for o in r.prediction_outcomes]
    detection = {kind: _detection(golds, predictions, kind) for kind in (*KINDS, ALL)}
    attribution = {kind: _attribution(golds, predictions, kind) for kind in (*KINDS, ALL)}
    reported = [o for o in golds if o.quote.kind is not QuoteKind.DIRECT and o.quote.cue is not None]
    cues = {
        "speech verb": _subset(o for o in reported if _has_speech_cue(o.quote)),
        "other cue": _subset(o for o in reported if not _has_speech_cue(o.quote)),
    }
    mentioned = [o for o in golds if o.quote.speaker_mention is not None]
    mention_types = {
        kind: _subset(
            o for o in mentioned if o.quote.speaker_mention and mention_type(o.quote.speaker_mention.text) == kind
        )
        for kind in ("name", "description", "pronoun")
    }
    return Report(
        name=name,
        results=results,
        detection=detection,
        attribution=attribution,
        cues=cues,
        mention_types=mention_types,
        required=_subset(o for o in golds if o.quote.required),
        non_speech=sum(len(r.gold.non_speech) for r in results),
        non_speech_hit=sum(len(r.non_speech_hits) for r in results),
        seconds=seconds,
        predictor=predictor,
    )


def _of_kind(kind: str, quote_kind: QuoteKind) -> bool:
    return kind == ALL or quote_kind.value == kind


def _detection(golds: Sequence[GoldOutcome], predictions: Sequence[PredictionOutcome], kind: str) -> Score:
    mine = [o for o in golds if _of_kind(kind, o.quote.kind)]
    guesses = [o for o in predictions if _of_kind(kind, o.quote.kind)]
    return Score(len(mine), sum(o.found for o in mine), len(guesses), sum(o.correct for o in guesses))


def _attribution(golds: Sequence[GoldOutcome], predictions: Sequence[PredictionOutcome], kind: str) -> AttributionScore:
    mine = [o for o in golds if _of_kind(kind, o.quote.kind) and o.attributed is not None]
    judged = [o for o in predictions if _of_kind(kind, o.quote.kind) and o.attributed is not None]
    return AttributionScore(
        gold=len(mine),
        found=sum(o.found for o in mine),
        attributed=sum(bool(o.attributed) for o in mine),
        predicted=len(judged),
        correct=sum(bool(o.attributed) for o in judged),
    )


def _subset(outcomes: Iterable[GoldOutcome]) -> SubsetScore:
    items = list(outcomes)
    judged = [o for o in items if o.found and o.attributed is not None]
    return SubsetScore(len(items), sum(o.found for o in items), len(judged), sum(bool(o.attributed) for o in judged))


# --- running a parser -----------------------------------------------------------

Predictor = Callable[[str], Document]

# Straight quotes pair up within a line; a curly pair may not hold another
# opening mark. Each scan stops at the next mark, so matching stays linear.
_REGEX_BASELINE = regex.compile(r"“([^“”\r\n]*)”|\"([^\"\r\n]*)\"")


def regex_baseline(text: str) -> Document:
    """The simplest quote finder: text between “…” or "…" on one line, no speakers.

    It is the floor a parser must beat (direct recall 0.85, precision 0.93 on
    the PolNeAR dev split).

    >>> [q.text for q in regex_baseline('“Go,” she said. "Stop," he said.')]
    ['Go,', 'Stop,']
    """
    quotes = []
    for match in _REGEX_BASELINE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        span = Span(match.start(group), match.end(group))
        quotes.append(Quote(span=span, text=span.slice(text), kind=QuoteKind.DIRECT, confidence=0.5))
    return Document(text=text, quotes=tuple(quotes))


BASELINES: Mapping[str, Predictor] = {"regex": regex_baseline}


def evaluate(
    gold_docs: Iterable[GoldDocument],
    parser: Parser | Predictor | None = None,
    *,
    name: str = "",
) -> Report:
    """Run ``parser`` over every gold text and score what it finds.

    ``parser`` is a :class:`~quotetrack.Parser` (default: ``Parser()``) or any
    function from text to :class:`~quotetrack.Document`, such as
    :func:`regex_baseline`. ``Report.seconds`` is the time spent finding quotes.

    >>> gold = GoldDocument("d", '“Hi,” Ann said.', (GoldQuote(Span(1, 4), "Hi,", QuoteKind.DIRECT),))
    >>> evaluate([gold], regex_baseline).detection["direct"].f1
    1.0
    """
    if parser is None:
        parser = Parser()
    predict: Predictor = parser.parse if isinstance(parser, Parser) else parser
    if not callable(predict):
        raise TypeError(f"parser must be a quotetrack.Parser or a function text -> Document, got {parser!r}")
    results = []
    seconds = 0.0
    for gold in gold_docs:
        if not isinstance(gold, GoldDocument):
            raise TypeError(f"evaluate() takes GoldDocument objects (see load_gold), got {type(gold).__name__}")
        started = time.perf_counter()
        document = predict(gold.text)
        seconds += time.perf_counter() - started
        results.append(score_document(gold, document.quotes))
    label = "quotetrack" if isinstance(parser, Parser) else getattr(parser, "__name__", "custom")
    return summarise(results, name, seconds=seconds, predictor=label)


# --- text output ----------------------------------------------------------------


def _row(cells: Sequence[object], widths: Sequence[int]) -> str:
    return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    return [_row(header, widths), *(_row(r, widths) for r in rows)]


def _f(value: float) -> str:
    return f"{value:.3f}"


def _kinds_shown(kind: str | None) -> tuple[str, ...]:
    return (kind, ALL) if kind else (*KINDS, ALL)


def format_report(report: Report, *, kind: str | None = None, errors: int = 0) -> str:
    """The full readable report: detection, attribution, subsets, and ``errors``
    examples of each sort of mistake (for one ``kind`` when given)."""
    lines = [_header(report), "", "quote detection (coverage >= 1/2 after trimming)"]
    lines += _table(
        ["kind", "gold", "found", "recall", "predicted", "correct", "precision", "F1"],
        [
            [k, s.gold, s.found, _f(s.recall), s.predicted, s.correct, _f(s.precision), _f(s.f1)]
            for k in _kinds_shown(kind)
            for s in [report.detection[k]]
        ],
    )
    lines += ["", "attribution (gold fragments that name a speaker)"]
    lines += _table(
        ["kind", "gold", "found", "attributed", "spk-acc", "recall", "predicted", "correct", "precision", "F1"],
        [
            [
                k,
                a.gold,
                a.found,
                a.attributed,
                _f(a.accuracy),
                _f(a.recall),
                a.predicted,
                a.correct,
                _f(a.precision),
                _f(a.f1),
            ]
            for k in _kinds_shown(kind)
            for a in [report.attribution[k]]
        ],
    )
    if any(s.gold for s in report.cues.values()):
        lines += ["", "mixed + indirect by cue (lexicon reporting verb or not)"]
        lines += _subset_table("cue", report.cues)
    if any(s.gold for s in report.mention_types.values()):
        lines += ["", "by gold speaker mention"]
        lines += _subset_table("mention", report.mention_types)
    if report.hand_annotated:
        lines += [
            "",
            (
                f"required quotes found: {report.required.found}/{report.required.gold}; "
                f"non-speech spans touched: {report.non_speech_hit}/{report.non_speech} (must be 0)"
            ),
        ]
    if errors > 0:
        lines += ["", *_error_lines(report, kind, errors)]
    return "\n".join(lines)


def _header(report: Report) -> str:
    size = f"{report.documents} documents, {report.characters:,} chars"
    return f"=== {report.name or 'gold'}: {size}, predictor {report.predictor}, {report.seconds:.2f} s ==="


def _subset_table(label: str, subsets: Mapping[str, SubsetScore]) -> list[str]:
    return _table(
        [label, "gold", "found", "recall", "judged", "attributed", "spk-acc"],
        [[k, s.gold, s.found, _f(s.recall), s.judged, s.attributed, _f(s.accuracy)] for k, s in subsets.items()],
    )


def format_summary(report: Report, *, kind: str | None = None) -> str:
    """A few lines with the headline numbers (printed last by the command line)."""
    lines = [f"SUMMARY {report.name or 'gold'} ({report.predictor}, {report.documents} docs, {report.seconds:.1f} s)"]
    for k in _kinds_shown(kind):
        s, a = report.detection[k], report.attribution[k]
        if k != ALL and not (s.gold or s.predicted):
            continue  # a kind this gold does not annotate and the predictor never produced
        lines.append(
            f"  {k:<8} P {_f(s.precision)}  R {_f(s.recall)}  F1 {_f(s.f1)}  ({s.found}/{s.gold} found, "
            f"{s.correct}/{s.predicted} correct)  speaker acc {_f(a.accuracy)}"
        )
    a = report.attribution[kind or ALL]
    label = f"attribution ({kind})" if kind else "attribution"
    lines.append(f"  {label} P {_f(a.precision)}  R {_f(a.recall)}  F1 {_f(a.f1)}")
    if report.hand_annotated:
        lines.append(
            f"  required {report.required.found}/{report.required.gold}, "
            f"non-speech touched {report.non_speech_hit}/{report.non_speech}"
        )
    return "\n".join(lines)


def _context(text: str, span: Span, width: int = 60) -> str:
    before = text[max(0, span.start - width) : span.start]
    inside = text[span.start : span.end]
    if len(inside) > 3 * width:
        inside = inside[:width] + " … " + inside[-width:]
    after = text[span.end : span.end + width]
    return " ".join(f"{before}⟦{inside}⟧{after}".split())


def _spread(items: Sequence[T], count: int) -> list[T]:
    # Evenly spaced picks show mistakes from across the corpus, not only its first document.
    if len(items) <= count:
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def _error_lines(report: Report, kind: str | None, count: int) -> list[str]:
    def wanted(quote_kind: QuoteKind) -> bool:
        return kind is None or quote_kind.value == kind

    golds = [(r.gold, o) for r in report.results for o in r.gold_outcomes if wanted(o.quote.kind)]
    guesses = [(r.gold, o) for r in report.results for o in r.prediction_outcomes if wanted(o.quote.kind)]
    return [
        *_examples("missed gold fragments", [(d, o) for d, o in golds if not o.found], count, _missed),
        *_examples("false positives", [(d, o) for d, o in guesses if not o.correct], count, _false_positive),
        *_examples(
            "found but not attributed",
            [(d, o) for d, o in golds if o.found and o.attributed is False],
            count,
            _unattributed,
        ),
    ]


def _examples(
    title: str, items: Sequence[tuple[GoldDocument, T]], count: int, describe: Callable[[T], tuple[str, Span]]
) -> list[str]:
    lines = [f"--- {title}: {len(items)} (showing {min(count, len(items))}) ---"]
    for document, item in _spread(items, count):
        label, span = describe(item)
        lines += [f"[{document.id}] {label}", "    " + _context(document.text, span)]
    return lines


def _missed(outcome: GoldOutcome) -> tuple[str, Span]:
    gold = outcome.quote
    cue = gold.cue.text if gold.cue else None
    return f"{gold.kind.value}, speaker {gold.speaker!r}, cue {cue!r}", gold.span


def _false_positive(outcome: PredictionOutcome) -> tuple[str, Span]:
    quote = outcome.quote
    return f"{quote.kind.value}, speaker {_predicted_name(quote)!r}", quote.span


def _unattributed(outcome: GoldOutcome) -> tuple[str, Span]:
    gold = outcome.quote
    mention = gold.speaker_mention.text if gold.speaker_mention else None
    guess = _predicted_name(outcome.best) if outcome.best else None
    return f"{gold.kind.value}: gold {gold.speaker!r} (mention {mention!r}), predicted {guess!r}", gold.span


# --- command line ---------------------------------------------------------------


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m quotetrack.evaluation",
        description="Score quotetrack (or a baseline) against gold quotes: precision, recall, F1 per kind, "
        "attribution, and examples of mistakes.",
    )
    parser.add_argument(
        "gold", nargs="+", type=Path, help="gold files: .jsonl (one document a line) or a seed .gold.json"
    )
    parser.add_argument("--baseline", choices=sorted(BASELINES), help="score a baseline instead of quotetrack")
    parser.add_argument("--kind", choices=KINDS, help="show only this kind (and 'all') in tables and error lists")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print N missed, N false-positive and N unattributed examples",
    )
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="use only the first N documents of each file")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON instead of tables")
    args = parser.parse_args(argv)
    if args.errors < 0 or args.limit < 0:
        parser.error("--errors and --limit take a number >= 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status (2 when a gold file cannot be read)."""
    args = _arguments(argv)
    predictor: Parser | Predictor = BASELINES[args.baseline] if args.baseline else Parser()
    reports: list[Report] = []
    for path in args.gold:
        try:
            documents = load_gold(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            print(f"quotetrack.evaluation: cannot read gold file {path}: {error}", file=sys.stderr)
            return 2
        if args.limit:
            documents = documents[: args.limit]
        reports.append(evaluate(documents, predictor, name=path.name))
    if args.json:
        print(json.dumps({"reports": [r.to_dict() for r in reports]}, indent=2))
        return 0
    for report in reports:
        print(format_report(report, kind=args.kind, errors=args.errors))
        print()
    # The headline numbers come last: tools that read the tail of the output see them.
    print("\n".join(format_summary(r, kind=args.kind) for r in reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())

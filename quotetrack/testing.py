"""Hypothesis strategies that write news-like documents with known quotes, for your own tests.

Each generated :class:`PlantedDocument` holds the text and the quotes planted
in it: where each quote's content is (the same span quotetrack reports), its
kind, and the words that name its speaker. The templates are the plain forms
every news reader knows, so quotetrack is expected to find every one of them:

- quote first: ``“Content,” Name said.`` and ``“Content,” said Name.``
- speaker first: ``Name said: “Content.”``
- reported speech: ``Name said that clause.`` (the quote is ``clause``)

in several quote-mark styles (“…”, "…", ‘…’, '…', «…», „…“, „…”), with
paragraphs of background between them and a mix of line endings.

>>> from hypothesis import given, settings
>>> from quotetrack import extract
>>> @settings(max_examples=20, deadline=None)
... @given(news_documents())
... def test_every_quote_is_found(planted):
...     document = extract(planted.text)
...     for quote in planted.quotes:
...         assert quote.found_in(document) is not None
>>> test_every_quote_is_found()

The vocabulary the documents are made of (:data:`NAMES`, :data:`CUES`,
:data:`SUBJECTS`, :data:`PREDICATES`, :data:`OBJECTS`, :data:`BACKGROUND`,
:data:`PARAGRAPH_BREAKS`) is public so that your own generators can extend it,
and :func:`awkward_texts` mixes :data:`AWKWARD_CHARACTERS` (control characters,
odd spaces, combining marks, emoji, right-to-left text, every quote mark) with
arbitrary text, for properties that must hold on any input.

This module needs hypothesis (``pip install quotetrack[test]``); importing
:mod:`quotetrack` itself never imports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on what is installed
    raise ImportError("quotetrack.testing needs hypothesis, a test dependency: pip install quotetrack[test]") from error

from .model import Document, Quote, QuoteKind, Span

__all__ = [
    "AWKWARD_CHARACTERS",
    "BACKGROUND",
    "CUES",
    "NAMES",
    "OBJECTS",
    "PARAGRAPH_BREAKS",
    "PREDICATES",
    "STYLES",
    "SUBJECTS",
    "PlantedDocument",
    "PlantedQuote",
    "QuoteStyle",
    "assert_offsets_slice",
    "awkward_texts",
    "news_documents",
    "quote_styles",
]


@dataclass(frozen=True)
class QuoteStyle:
    """One way of marking quotes; a generated document uses one style throughout."""

    name: str
    open: str
    close: str
    apostrophe: str  # the apostrophe a text in this style uses ("O’Neill", "won’t")


STYLES: tuple[QuoteStyle, ...] = (
    QuoteStyle("curly double", "“", "”", "’"),
    QuoteStyle("straight double", '"', '"', "'"),
    QuoteStyle("curly single", "‘", "’", "’"),
    QuoteStyle("straight single", "'", "'", "'"),
    QuoteStyle("guillemets", "«", "»", "’"),
    QuoteStyle("german", "„", "“", "’"),
    QuoteStyle("polish", "„", "”", "’"),
)


@dataclass(frozen=True)
class PlantedQuote:
    """A quote put into generated text.

    ``span`` is the quote's content as quotetrack reports it: the words inside
    the marks for a direct quote, the reported clause (no "that", no final full
    stop) for reported speech. ``speaker_span`` covers the words that name the
    speaker, and ``cue`` is the reporting verb.
    """

    span: Span
    kind: QuoteKind
    speaker: str
    speaker_span: Span
    cue: str

    def found_in(self, document: Document) -> Quote | None:
        """The quote of ``document`` with this kind and span, if there is one."""
        return next((q for q in document.quotes if q.kind == self.kind and q.span == self.span), None)


@dataclass(frozen=True)
class PlantedDocument:
    """A generated text and the quotes planted in it, in reading order."""

    text: str
    quotes: tuple[PlantedQuote, ...]
    style: QuoteStyle

    def content(self, quote: PlantedQuote) -> str:
        return quote.span.slice(self.text)


# Names that are names and nothing else, so no rule can mistake them for a word: "{a}" is the apostrophe.
NAMES: tuple[str, ...] = (
    "Maria Lopez",
    "Dmitry Peskov",
    "Tom Hughes",
    "Angela Brandt",
    "Kenji Sato",
    "Priya Natarajan",
    "Lars Eriksen",
    "Obi Okafor",
    "Sarah O{a}Neill",
    "Ana Ruiz",
    "Peskov",
    "Okafor",
)
# The vocabulary the documents are written with; extend it for your own generators.
CUES: tuple[str, ...] = ("said", "added", "warned", "insisted", "explained", "argued")
# Subjects with whether they are plural, and verb phrases in their singular and plural forms.
SUBJECTS: tuple[tuple[str, bool], ...] = (
    ("we", True),
    ("the government", False),
    ("our team", False),
    ("the company", False),
    ("the board", False),
    ("investors", True),
    ("the players", True),
    ("the scientists", True),
    ("this museum", False),
    ("the central bank", False),
)
PREDICATES: tuple[tuple[str, str], ...] = (
    ("will not accept", "will not accept"),
    ("expects", "expect"),
    ("has rejected", "have rejected"),
    ("is ready for", "are ready for"),
    ("wants", "want"),
    ("cannot afford", "cannot afford"),
    ("won{a}t support", "won{a}t support"),
    ("is looking at", "are looking at"),
    ("will announce", "will announce"),
)
OBJECTS: tuple[str, ...] = (
    "a new deal",
    "the proposal",
    "higher prices",
    "a long season",
    "the results of the trial",
    "a fresh election",
    "the cuts",
    "more money for research",
    "the club{a}s new stadium",
    "an exhibition in Zu\u0308rich",
    "the prize 🎉",
)
# Paragraphs without quotes.
BACKGROUND: tuple[str, ...] = (
    "Shares in the company rose 3% on Monday.",
    "The talks resumed in Geneva on Tuesday.",
    "The club{a}s fans have waited twenty years for a trophy.",
    "The study was published in a leading journal.",
    "Parliament will vote on the bill next week.",
    "Temperatures reached 41C in the capital.",
    "The exhibition opens to the public in May.",
)
PARAGRAPH_BREAKS: tuple[str, ...] = ("\n\n", "\n", "\r\n\r\n", "\r\n")
_DIRECT_SHAPES = ("quote-name-cue", "quote-cue-name", "name-cue-colon")


# Characters that stress offsets and quote pairing: line and paragraph separators, NUL and
# control characters, odd spaces, zero-width and direction marks, combining marks, emoji
# sequences, right-to-left and CJK scripts, case-changing letters, every kind of quote mark,
# and the words a reporting rule looks for.
AWKWARD_CHARACTERS: tuple[str, ...] = (
    "\x00",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
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
    "\u0308",
    "\u20dd",
    "e\u0301",
    "👍🏽",
    "👩‍👩‍👧",
    "🇺🇦",
    "😀",
    "ש",
    "שלום",
    "عربي",
    "\u0627\u0644\u0633\u0644\u0627\u0645",
    "日本語",
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
    "''",
    "``",
    "「",
    "」",
    " ",
    "  ",
    ".",
    ",",
    ":",
    "—",
    "Mr.",
    "U.S.",
    "said",
    " said ",
    "Peskov",
    "Maria Lopez",
    "he",
    "A",
    "AB",
)


def awkward_texts(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Texts of up to ``max_pieces`` pieces, each one of :data:`AWKWARD_CHARACTERS` or any short text.

    >>> from hypothesis import given, settings
    >>> from quotetrack import extract
    >>> @settings(max_examples=20, deadline=None)
    ... @given(awkward_texts())
    ... def test_quotes_slice_the_text(text):
    ...     assert all(text[q.span.start : q.span.end] == q.text for q in extract(text).quotes)
    >>> test_quotes_slice_the_text()
    """
    if max_pieces < 0:
        raise ValueError(f"awkward_texts(max_pieces=...) needs a count of 0 or more, got {max_pieces}")
    return st.lists(st.one_of(st.sampled_from(AWKWARD_CHARACTERS), st.text(max_size=6)), max_size=max_pieces).map(
        "".join
    )


def quote_styles(styles: Sequence[QuoteStyle] = STYLES) -> st.SearchStrategy[QuoteStyle]:
    """One of ``styles`` (default: all of :data:`STYLES`)."""
    return st.sampled_from(list(styles))


class _Writer:
    """Builds a text piece by piece and remembers where the planted parts land."""

    def __init__(self) -> None:
        self.text = ""
        self.quotes: list[PlantedQuote] = []

    def add(self, piece: str) -> Span:
        start = len(self.text)
        self.text += piece
        return Span(start, len(self.text))


def _fill(template: str, style: QuoteStyle) -> str:
    return template.replace("{a}", style.apostrophe)


@st.composite
def _clause(draw: st.DrawFn, style: QuoteStyle) -> str:
    subject, plural = draw(st.sampled_from(SUBJECTS))
    predicate = draw(st.sampled_from(PREDICATES))[plural]
    return _fill(f"{subject} {predicate} {draw(st.sampled_from(OBJECTS))}", style)


def _capitalised(clause: str) -> str:
    return clause[0].upper() + clause[1:]


def _write_quote_sentence(draw: st.DrawFn, writer: _Writer, style: QuoteStyle, kinds: frozenset[QuoteKind]) -> None:
    """Write one sentence with a planted quote."""
    shapes = [
        *(_DIRECT_SHAPES if QuoteKind.DIRECT in kinds else ()),
        *(("reported",) if QuoteKind.INDIRECT in kinds else ()),
    ]
    shape = draw(st.sampled_from(shapes))
    name = _fill(draw(st.sampled_from(NAMES)), style)
    cue = draw(st.sampled_from(CUES))
    clause = draw(_clause(style))
    o, c = style.open, style.close
    if shape == "quote-name-cue":
        writer.add(o)
        content = writer.add(_capitalised(clause) + ",")
        writer.add(c + " ")
        speaker = writer.add(name)
        writer.add(f" {cue}.")
    elif shape == "quote-cue-name":
        writer.add(o)
        content = writer.add(_capitalised(clause) + ",")
        writer.add(f"{c} {cue} ")
        speaker = writer.add(name)
        writer.add(".")
    elif shape == "name-cue-colon":
        speaker = writer.add(name)
        writer.add(f" {cue}: {o}")
        content = writer.add(_capitalised(clause) + ".")
        writer.add(c)
    else:
        speaker = writer.add(name)
        writer.add(f" {cue} that ")
        content = writer.add(clause)
        writer.add(".")
    kind = QuoteKind.INDIRECT if shape == "reported" else QuoteKind.DIRECT
    writer.quotes.append(PlantedQuote(content, kind, name, speaker, cue))


def news_documents(
    *,
    styles: Sequence[QuoteStyle] = STYLES,
    kinds: frozenset[QuoteKind] = frozenset({QuoteKind.DIRECT, QuoteKind.INDIRECT}),
    min_quotes: int = 1,
    max_quotes: int = 5,
) -> st.SearchStrategy[PlantedDocument]:
    """News-like documents, each in one quote style, with quotes planted in them.

    Args:
        styles: the quote styles to choose from.
        kinds: which kinds to plant: ``DIRECT`` (quote first or speaker first),
            ``INDIRECT`` (``Name said that clause.``), or both.
        min_quotes, max_quotes: how many quotes to plant, one per paragraph;
            background paragraphs without quotes come between them.
    """
    if not kinds or not kinds <= {QuoteKind.DIRECT, QuoteKind.INDIRECT}:
        raise ValueError(f"news_documents(kinds=...) takes DIRECT and/or INDIRECT, got {sorted(kinds)}")
    if not 0 <= min_quotes <= max_quotes:
        raise ValueError(f"news_documents needs 0 <= min_quotes <= max_quotes, got {min_quotes}, {max_quotes}")
    if not styles:
        raise ValueError("news_documents(styles=...) needs at least one QuoteStyle")
    return _news_documents(tuple(styles), frozenset(kinds), min_quotes, max_quotes)


@st.composite
def _news_documents(
    draw: st.DrawFn, styles: tuple[QuoteStyle, ...], kinds: frozenset[QuoteKind], min_quotes: int, max_quotes: int
) -> PlantedDocument:
    style = draw(quote_styles(styles))
    quote_count = draw(st.integers(min_quotes, max_quotes))
    plan = draw(st.permutations([True] * quote_count + [False] * draw(st.integers(0, 3)))) or [False]
    paragraph_break = draw(st.sampled_from(PARAGRAPH_BREAKS))
    writer = _Writer()
    for number, has_quote in enumerate(plan):
        if number:
            writer.add(paragraph_break)
        if has_quote:
            if draw(st.booleans()):
                writer.add(_fill(draw(st.sampled_from(BACKGROUND)), style) + " ")
            _write_quote_sentence(draw, writer, style, kinds)
        else:
            writer.add(_fill(draw(st.sampled_from(BACKGROUND)), style))
    return PlantedDocument(writer.text, tuple(writer.quotes), style)


def assert_offsets_slice(doc: Document, text: str) -> None:
    """Assert the offset invariant: every span in ``doc`` lies inside ``text`` and slices it to
    what it claims (quotes, cues, speaker mentions, paragraphs and sentences).

    >>> import quotetrack
    >>> text = "“We will win,” Ana Ruiz said.\\r\\n"
    >>> assert_offsets_slice(quotetrack.extract(text), text)
    """
    assert doc.text == text
    for quote in doc.quotes:
        assert 0 <= quote.span.start <= quote.span.end <= len(text), quote
        assert text[quote.span.start : quote.span.end] == quote.text, quote
        if quote.cue is not None:
            assert 0 <= quote.cue.start <= quote.cue.end <= len(text), quote
        mentions = [quote.speaker_mention] if quote.speaker_mention is not None else []
        mentions += list(quote.speaker.mentions) if quote.speaker is not None else []
        for mention in mentions:
            assert text[mention.span.start : mention.span.end] == mention.text, mention
    for span in doc.paragraphs + doc.sentences:
        assert 0 <= span.start <= span.end <= len(text), span

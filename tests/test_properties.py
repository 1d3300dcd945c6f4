"""Library-wide properties, checked with hypothesis.

- Offsets always slice the caller's text, on arbitrary unicode (control
  characters, NUL, emoji, combining marks, right-to-left scripts, CRLF, tabs)
  and on generated news-like text.
- Every quote planted in generated news-like text is found with its content.
- No exception on any str; the same text always gives the same Document; a
  Document survives a JSON round trip.
- Time grows linearly on adversarial input (runs of quote marks, capitals,
  spaces, newlines...).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotetrack
from quotetrack import Document, Parser, Quote, QuoteKind, testing
from quotetrack.testing import QuoteStyle, assert_offsets_slice, awkward_texts

# --- helpers -----------------------------------------------------------------------------------


# --- arbitrary unicode -----------------------------------------------------------------------------

any_text = st.one_of(st.text(), awkward_texts())

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(any_text)
def test_offsets_slice_arbitrary_unicode(text: str) -> None:
    assert_offsets_slice(quotetrack.extract(text), text)


@_SETTINGS
@given(any_text)
def test_no_exception_and_deterministic_on_arbitrary_unicode(text: str) -> None:
    first = quotetrack.extract(text)
    second = quotetrack.extract(text)
    assert first == second
    assert Parser().parse(text) == first


@_SETTINGS
@given(any_text)
def test_json_round_trip_on_arbitrary_unicode(text: str) -> None:
    doc = quotetrack.extract(text)
    assert Document.from_json(doc.to_json()) == doc


# --- generated news-like text -------------------------------------------------------------------------


# The public generator's vocabulary (quotetrack.testing) plus harder cases it leaves out: quotes
# marked by doubled apostrophes, "says", subjects and predicates without number agreement,
# possessive and leading apostrophes, and more combining marks.
STYLES = [*testing.STYLES, QuoteStyle("double apostrophe", "''", "''", "'")]
NAMES = list(testing.NAMES)
CUES = [*testing.CUES, "says"]
SUBJECTS = [subject for subject, _ in testing.SUBJECTS] + ["my party", "the league"]
PREDICATES = [singular for singular, _ in testing.PREDICATES] + ["doesn{a}t need", "has always backed"]
OBJECTS = [
    *testing.OBJECTS,
    "a cafe\u0301 in every station",
    "an agreement",
    "the players{a} demands",
    "the music of the {a}90s",
]
QUESTION_STARTS = ["Why should", "How can", "When will", "Who thinks"]
FILLERS = [
    *testing.BACKGROUND,
    "Putin{a}s aides don{a}t expect a deal, and O{a}Brien{a}s team agrees.",
    "Rock {a}n{a} roll never left the students{a} union bar.",
]
# Quote marks that are not speech: none of these may come out as a DIRECT quote.
NOT_SPEECH_FILLERS = [
    "She starred in {o}The Crown{c} last year.",
    "Critics called the plan {o}reckless{c} on Monday.",
    "The so-called {o}gig economy{c} employs millions.",
    "The two firms signed a {o}historic{c} deal.",
    "Dwayne {o}The Rock{c} Johnson will host the show.",
]
SEPARATORS = list(testing.PARAGRAPH_BREAKS)


@dataclass(frozen=True)
class PlantedQuote:
    """A quote put into generated text: where its content is, and who says it through which verb."""

    start: int
    end: int
    speaker: str | None = None  # set when the simplest attribution pattern names the speaker
    cue: str | None = None
    split_of: int | None = None  # for part 1 of a split quote: the index of part 0 in the paragraph


@dataclass(frozen=True)
class Article:
    text: str
    style: QuoteStyle
    quotes: tuple[PlantedQuote, ...]

    def content(self, quote: PlantedQuote) -> str:
        return self.text[quote.start : quote.end]


class _Content(str):
    """A piece of paragraph text that is quote content (with its expected speaker and cue)."""

    speaker: str | None = None
    cue: str | None = None
    split_of: int | None = None


def _quoted(content: str, speaker: str | None = None, cue: str | None = None, split_of: int | None = None) -> _Content:
    piece = _Content(content)
    piece.speaker, piece.cue, piece.split_of = speaker, cue, split_of
    return piece


def _paragraph(pieces: list[str]) -> tuple[str, list[PlantedQuote]]:
    """Join the pieces and record where each quote content lands."""
    text = ""
    quotes = []
    for piece in pieces:
        if isinstance(piece, _Content):
            quotes.append(PlantedQuote(len(text), len(text) + len(piece), piece.speaker, piece.cue, piece.split_of))
        text += piece
    return text, quotes


def _fill(template: str, style: QuoteStyle) -> str:
    return template.replace("{a}", style.apostrophe).replace("{o}", style.open).replace("{c}", style.close)


@st.composite
def _content(draw: st.DrawFn, style: QuoteStyle) -> str:
    words = [draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(PREDICATES)), draw(st.sampled_from(OBJECTS))]
    clause = _fill(" ".join(words), style)
    return clause[0].upper() + clause[1:]


@st.composite
def _quote_paragraph(draw: st.DrawFn, style: QuoteStyle) -> tuple[str, list[PlantedQuote]]:
    raw_name = draw(st.sampled_from(NAMES))
    name = _fill(raw_name, style)
    cue = draw(st.sampled_from(CUES))
    content = draw(_content(style))
    o, c = style.open, style.close
    shape = draw(
        st.sampled_from(
            [
                "quote-name-cue",
                "name-cue-colon",
                "quote-cue-name",
                "told-reporters",
                "question",
                "split",
                "two-speakers",
                "multi",
            ]
        )
    )
    if shape == "quote-name-cue":
        return _paragraph([o, _quoted(content + ",", name, cue), c, f" {name} {cue}."])
    if shape == "name-cue-colon":
        return _paragraph([f"{name} {cue}: ", o, _quoted(content + ".", name, cue), c])
    if shape == "quote-cue-name":
        return _paragraph([o, _quoted(content + ",", name, cue), c, f" {cue} {name}."])
    if shape == "told-reporters":
        return _paragraph([o, _quoted(content + ",", name, "told"), c, f" {name} told reporters on Friday."])
    if shape == "question":
        question = f"{draw(st.sampled_from(QUESTION_STARTS))} {content[0].lower()}{content[1:]}?"
        return _paragraph([o, _quoted(question, name, "asked"), c, f" {name} asked."])
    second = draw(_content(style))
    if shape == "two-speakers":
        other = _fill(draw(st.sampled_from([n for n in NAMES if n != raw_name])), style)
        other_cue = draw(st.sampled_from(CUES))
        return _paragraph(
            [o, _quoted(content + ",", name, cue), c, f" {name} {cue}. ", o]
            + [_quoted(second + ",", other, other_cue), c, f" {other} {other_cue}."]
        )
    if shape == "split":
        return _paragraph(
            [o, _quoted(content + ",", name, cue), c, f" {name} {cue}. ", o, _quoted(second + ".", split_of=0), c]
        )
    # A quote over two paragraphs: the first paragraph opens but does not close.
    separator = draw(st.sampled_from(SEPARATORS))
    return _paragraph([o, _quoted(content + "." + separator + o + second + ",", name, cue), c, f" {name} {cue}."])


@st.composite
def _filler_paragraph(draw: st.DrawFn, style: QuoteStyle) -> tuple[str, list[PlantedQuote]]:
    return _fill(draw(st.sampled_from(FILLERS + NOT_SPEECH_FILLERS)), style), []


@st.composite
def news_article(draw: st.DrawFn) -> Article:
    """An article in one quote style, with the quotes planted in it."""
    style = draw(st.sampled_from(STYLES))
    paragraphs = draw(st.lists(st.one_of(_quote_paragraph(style), _filler_paragraph(style)), min_size=1, max_size=8))
    separator = draw(st.sampled_from(SEPARATORS))
    text = ""
    planted: list[PlantedQuote] = []
    for i, (paragraph, quotes) in enumerate(paragraphs):
        if i:
            text += separator
        offset, first = len(text), len(planted)
        for quote in quotes:
            split_of = None if quote.split_of is None else first + quote.split_of
            planted.append(PlantedQuote(offset + quote.start, offset + quote.end, quote.speaker, quote.cue, split_of))
        text += paragraph
    return Article(text, style, tuple(planted))


NEWS_SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _direct_by_span(doc: Document) -> dict[tuple[int, int], Quote]:
    return {(q.span.start, q.span.end): q for q in doc.quotes if q.kind == QuoteKind.DIRECT}


@NEWS_SETTINGS
@given(news_article())
def test_offsets_slice_generated_news(article: Article) -> None:
    assert_offsets_slice(quotetrack.extract(article.text), article.text)


@NEWS_SETTINGS
@given(news_article())
def test_every_planted_quote_is_found_with_its_content_and_nothing_else(article: Article) -> None:
    doc = quotetrack.extract(article.text)
    found = [q.text for q in doc.quotes if q.kind == QuoteKind.DIRECT]
    assert found == [article.content(q) for q in article.quotes], f"style {article.style.name}"
    assert list(_direct_by_span(doc)) == [(q.start, q.end) for q in article.quotes]


@NEWS_SETTINGS
@given(news_article())
def test_planted_simple_attributions_name_the_speaker_and_cue(article: Article) -> None:
    doc = quotetrack.extract(article.text)
    by_span = _direct_by_span(doc)
    for planted in article.quotes:
        if planted.speaker is None:
            continue
        quote = by_span.get((planted.start, planted.end))
        assert quote is not None, f"not found: {article.content(planted)!r}"
        assert quote.speaker_mention is not None, f"no speaker for {quote.text!r}"
        assert quote.speaker_mention.text == planted.speaker
        assert quote.cue is not None and article.text[quote.cue.start : quote.cue.end] == planted.cue


@NEWS_SETTINGS
@given(news_article())
def test_parts_of_one_quote_share_a_group_and_other_quotes_do_not(article: Article) -> None:
    doc = quotetrack.extract(article.text)
    by_span = _direct_by_span(doc)
    groups_of: dict[int, set[int]] = {}  # planted quote (its first part) -> groups found for its parts
    for index, planted in enumerate(article.quotes):
        quote = by_span.get((planted.start, planted.end))
        assert quote is not None, f"not found: {article.content(planted)!r}"
        whole = index if planted.split_of is None else planted.split_of
        groups_of.setdefault(whole, set()).add(quote.group)
        if planted.split_of is not None:
            assert quote.part == 1
            assert by_span[(article.quotes[whole].start, article.quotes[whole].end)].part == 0
    assert all(len(groups) == 1 for groups in groups_of.values())
    distinct = [next(iter(groups)) for groups in groups_of.values()]
    assert len(set(distinct)) == len(distinct)


@NEWS_SETTINGS
@given(news_article())
def test_generated_news_is_deterministic_and_round_trips_through_json(article: Article) -> None:
    doc = quotetrack.extract(article.text)
    assert quotetrack.extract(article.text) == doc
    assert Document.from_json(doc.to_json()) == doc


@NEWS_SETTINGS
@given(news_article(), st.sampled_from(["\u00a0", "\t", "  ", "👍🏽 ", "e\u0301 ", "\u200f", "\ufeff", "\u200b"]))
def test_planted_quotes_survive_an_awkward_character_before_them(article: Article, prefix: str) -> None:
    shifted = prefix + article.text
    doc = quotetrack.extract(shifted)
    assert_offsets_slice(doc, shifted)
    found = [q.text for q in doc.quotes if q.kind == QuoteKind.DIRECT]
    assert found == [article.content(q) for q in article.quotes]


# --- linear time ----------------------------------------------------------------------------------

SMALL = 2_000
GROWTH = 16
MAX_RATIO = 50  # linear is ~16x; quadratic would be ~256x
TIMER_FLOOR = 0.002  # seconds: below this, timer noise dominates the ratio

ADVERSARIAL_UNITS = {
    "straight double quotes": '"',
    "curly open quotes": "“",
    "alternating curly": "“”",
    "straight single quotes": "'",
    "curly single quotes": "‘’",
    "capitals without spaces": "A",
    "spaces": " ",
    "newlines": "\n",
    "crlf": "\r\n",
    "guillemets": "« »",
    "low quotes": "„",
    "double apostrophes": "''",
    "open quote per paragraph": "“Word word.\n",
    "quote then cue": "“Yes,” he said. ",
    "open quote and capital": "“A",
    "possessives": "Putin's ",
    "abbreviations": "Mr. A. ",
    "capitalised words": "Peskov ",
    "quote runs with words": '"a b ',
}


def _adversarial(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _best_time(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        quotetrack.extract(text)
        best = min(best, time.perf_counter() - start)
    return best


def _growth_ratio(unit: str) -> tuple[float, float, float]:
    small = _best_time(_adversarial(unit, SMALL), runs=7)
    big = _best_time(_adversarial(unit, SMALL * GROWTH), runs=2)
    return big / max(small, TIMER_FLOOR), small, big


@pytest.mark.parametrize("unit", list(ADVERSARIAL_UNITS.values()), ids=list(ADVERSARIAL_UNITS))
def test_time_is_linear_on_adversarial_input(unit: str) -> None:
    quotetrack.extract(_adversarial(unit, 50))  # warm up lazy set-up
    # A busy machine can slow one measurement down; quadratic time fails every attempt.
    for _ in range(3):
        ratio, small, big = _growth_ratio(unit)
        if ratio < MAX_RATIO:
            break
    assert ratio < MAX_RATIO, f"{SMALL * GROWTH} chars took {big:.3f}s, {SMALL} chars {small:.4f}s (x{ratio:.0f})"
    assert big < 2.0, f"{SMALL * GROWTH} chars took {big:.2f}s"

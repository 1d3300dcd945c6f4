"""Hardening: bad arguments, hostile texts, and properties that must hold on any input.

- Wrong types raise TypeError, and bad settings ValueError, with a message that
  says what to pass.
- Adversarial texts (long runs of quote marks, capitals, text without spaces,
  newlines, NUL and control characters, lone surrogates, mixed scripts, raw
  HTML) finish, never raise, give offsets that slice the text, and take time
  that grows linearly (a coarse ratio guard, never an absolute time).
- On generated news (``quotetrack.testing``): every planted quote is found with
  its speaker mention; results do not depend on the number of processes, on
  the text parsed before, or on other threads using the same parser.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotetrack
from quotetrack import Config, Document, Parser, QuoteKind
from quotetrack.testing import PlantedDocument, assert_offsets_slice, news_documents

MB = 1_000_000


# --- wrong types and bad settings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "hint"),
    [(None, "got NoneType"), (b"\xe2\x80\x9cYes\xe2\x80\x9d", "decode it first"), (42, "got int"), (["a"], "got list")],
)
@pytest.mark.parametrize("entry", ["extract", "parse"])
def test_a_text_that_is_not_a_str_is_a_type_error_saying_to_pass_a_str(value: object, hint: str, entry: str) -> None:
    call: Callable[[object], object] = quotetrack.extract if entry == "extract" else Parser().parse  # type: ignore[assignment]
    with pytest.raises(TypeError, match="quotetrack takes text as str") as caught:
        call(value)
    assert hint in str(caught.value)


@pytest.mark.parametrize("value", [None, b"bytes", 3, "one text"])
def test_parse_many_of_something_other_than_texts_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="parse_many takes an iterable of"):
        Parser().parse_many(value)  # type: ignore[arg-type]


def test_a_text_that_is_not_a_str_inside_parse_many_is_a_type_error() -> None:
    documents = Parser().parse_many(["Fine.", None])  # type: ignore[list-item]
    assert next(documents).text == "Fine."
    with pytest.raises(TypeError, match="quotetrack takes text as str, got NoneType"):
        next(documents)


@pytest.mark.parametrize("config", [{"kinds": "direct"}, "strict", 1])
def test_a_parser_config_that_is_not_a_config_is_a_type_error(config: object) -> None:
    with pytest.raises(TypeError, match=r"Parser\(config=...\) takes a quotetrack.Config"):
        Parser(config)  # type: ignore[arg-type]


def test_a_stage_that_is_not_a_name_and_function_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"each stage must be a \(name, callable\) pair"):
        Parser(stages=[("quotes", "not a function")])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kinds", "direct"),
        ("kinds", {"quoted"}),
        ("kinds", 3),
        ("single_quotes", "yes"),
        ("single_quotes", None),
        ("min_confidence", -0.1),
        ("min_confidence", 1.5),
        ("min_confidence", "high"),
        ("min_confidence", True),
        ("min_confidence", float("nan")),
        ("extra_cue_verbs", "opine"),
        ("extra_cue_verbs", [""]),
        ("extra_titles", [5]),
        ("extra_roles", ["  "]),
        ("extra_organisations", None),
    ],
)
def test_an_invalid_config_value_is_a_value_error_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"Config.{field} "):
        Config(**{field: value})  # type: ignore[arg-type]


# --- adversarial texts --------------------------------------------------------------------------------

# Lone surrogates, as Python makes them from bytes that are not UTF-8 (surrogateescape).
SURROGATES = b"\xff\xfe said \xed\xa0\x80 \x93quote\x94 ".decode("utf-8", "surrogateescape")
MIXED_SCRIPTS = "«Мы победим», — сказал Песков. «سننتصر» قال الوزير. 「我们会赢」他说。 “Win,” Ana said. "
HTML = '<p>&ldquo;We will win,&rdquo; Smith said.</p>\n<p class="x">Ana Ruiz said that &quot;prices&quot; fell.</p>\n'


@dataclass(frozen=True)
class Hostile:
    """A hostile text made by repeating ``unit`` to ``size`` characters."""

    unit: str
    size: int  # the size checked; 1 MB where that parses in a second or two

    def text(self, size: int | None = None) -> str:
        size = self.size if size is None else size
        return (self.unit * (size // len(self.unit) + 1))[:size]


HOSTILE = {
    "straight double quotes": Hostile('"', 100_000),
    "curly open quotes": Hostile("“", 100_000),
    "100,000 alternating curly quotes": Hostile("“ ” ", 200_000),
    "a line of capitals": Hostile("ABCDEFGHIJKLMNOPQRSTUVWXYZ", MB),
    "capitalised words": Hostile("PESKOV SAID ", MB),
    "no spaces": Hostile("abcdefghij,“k”.", 200_000),
    "no spaces, letters only": Hostile("newsroomtext", MB),
    "deeply nested quotes": Hostile("“‘«„‹" * 2_000 + "word" + "›“»’”" * 2_000, 20_004),
    "every quote unbalanced": Hostile("“He said, ", 200_000),
    "only newlines": Hostile("\n", MB),
    "only CRLF": Hostile("\r\n", MB),
    "NUL": Hostile("\x00", 200_000),
    "control characters": Hostile("".join(map(chr, range(32))) + "\x7f\x85", 200_000),
    "lone surrogates": Hostile(SURROGATES, 200_000),
    "mixed scripts": Hostile(MIXED_SCRIPTS, 100_000),
    "unstripped HTML": Hostile(HTML, 100_000),
}

GROWTH = 8
MAX_RATIO = 30  # linear is about 8x; quadratic would be about 64x
TIMER_FLOOR = 0.005  # seconds: shorter small runs are rounded up, so timer noise cannot inflate the ratio
ATTEMPTS = 3  # a busy machine can slow one measurement; a non-linear rule fails every attempt


def _seconds(text: str, runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        quotetrack.extract(text)
        best = min(best, time.perf_counter() - start)
    return best


def _timed_extract(text: str) -> tuple[Document, float]:
    start = time.perf_counter()
    doc = quotetrack.extract(text)
    return doc, time.perf_counter() - start


@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_text_finishes_with_offsets_that_slice_it_in_linear_time(hostile: Hostile) -> None:
    small, big = hostile.text(hostile.size // GROWTH), hostile.text()
    quotetrack.extract(small[:100])  # the word lists load on first use
    small_time = max(_seconds(small, runs=3), TIMER_FLOOR)
    doc, big_time = _timed_extract(big)
    assert_offsets_slice(doc, big)
    for _ in range(ATTEMPTS - 1):
        if big_time / small_time < MAX_RATIO:
            break
        small_time = max(_seconds(small, runs=3), TIMER_FLOOR)
        big_time = _timed_extract(big)[1]
    assert big_time / small_time < MAX_RATIO, (
        f"{len(big)} chars: {big_time:.3f}s, {len(small)} chars: {small_time:.3f}s"
    )


def test_surrogates_and_nul_inside_real_quotes_keep_offsets() -> None:
    text = f"\x00{SURROGATES}\n\n“We will\x00 win{SURROGATES[0]},” Ana Ruiz said.\n"
    doc = quotetrack.extract(text)
    assert_offsets_slice(doc, text)
    assert any(q.kind == QuoteKind.DIRECT and "win" in q.text for q in doc.quotes)


def test_cjk_quote_brackets_cyrillic_and_arabic_do_not_disturb_english_quotes() -> None:
    text = "「我们会赢」他说。 «Мы победим», — сказал Песков.\n\n“Prices will fall,” said Maria Lopez.\n\nسننتصر"
    doc = quotetrack.extract(text)
    assert_offsets_slice(doc, text)
    (quote,) = [q for q in doc.quotes if q.text == "Prices will fall,"]
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Maria Lopez"


def test_unstripped_html_is_read_as_plain_characters() -> None:
    # Documented in docs/scaling.md: tags are characters and entities are not quote marks.
    text = "<p>“We will win,” Smith said.</p>\n<p>&ldquo;We lost,&rdquo; Jones said.</p>"
    doc = quotetrack.extract(text)
    assert_offsets_slice(doc, text)
    assert [q.text for q in doc.quotes if q.kind == QuoteKind.DIRECT] == ["We will win,"]


# --- properties on generated news ------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Few examples where worker processes are involved: each example sends texts through the pool.
POOL_SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(news_documents())
def test_every_planted_quote_is_found_with_its_speaker_mention(planted: PlantedDocument) -> None:
    doc = quotetrack.extract(planted.text)
    for expected in planted.quotes:
        quote = expected.found_in(doc)
        assert quote is not None, f"{expected.kind.value} quote {planted.content(expected)!r} not found"
        assert quote.speaker_mention is not None, f"no speaker mention for {quote.text!r}"
        assert (quote.speaker_mention.text, quote.speaker_mention.span) == (expected.speaker, expected.speaker_span)
        assert quote.cue is not None and quote.cue.slice(planted.text) == expected.cue


_awkward = st.sampled_from(
    ["\x00", "\r\n", "\u2028", "\ufeff", "\u200f", "e\u0301", "👍🏽", "「", "」", "“", '"', SURROGATES]
)


@PROPERTY_SETTINGS
@given(news_documents(), st.lists(st.tuples(st.integers(min_value=0), _awkward), max_size=4))
def test_offsets_are_valid_on_news_with_awkward_characters_inserted(
    planted: PlantedDocument, insertions: list[tuple[int, str]]
) -> None:
    text = planted.text
    for position, piece in insertions:
        cut = position % (len(text) + 1)
        text = text[:cut] + piece + text[cut:]
    assert_offsets_slice(quotetrack.extract(text), text)


@PROPERTY_SETTINGS
@given(news_documents(), news_documents())
def test_a_document_does_not_depend_on_the_text_parsed_before_it(a: PlantedDocument, b: PlantedDocument) -> None:
    assert list(Parser().parse_many([b.text, a.text]))[1] == quotetrack.extract(a.text)


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as executor:
        yield executor


@POOL_SETTINGS
@given(batch=st.lists(news_documents(), min_size=1, max_size=12), chunk_size=st.integers(1, 5))
def test_two_processes_give_what_one_gives(
    pool: ProcessPoolExecutor, batch: list[PlantedDocument], chunk_size: int
) -> None:
    texts = [planted.text for planted in batch]
    parser = Parser()
    in_process = list(parser.parse_many(texts))
    assert list(parser.parse_many(texts, n_jobs=2, chunk_size=chunk_size, executor=pool)) == in_process


@POOL_SETTINGS
@given(news_documents(), news_documents())
def test_in_worker_processes_a_document_does_not_depend_on_the_text_before_it(
    pool: ProcessPoolExecutor, a: PlantedDocument, b: PlantedDocument
) -> None:
    documents = list(Parser().parse_many([b.text, a.text], n_jobs=2, chunk_size=2, executor=pool))
    assert documents[1] == quotetrack.extract(a.text)


# --- threads --------------------------------------------------------------------------------------------

THREAD_TEXTS = [
    "“We will not raise taxes,” the chancellor said on Monday.",
    "The chief executive, Ana Ruiz, said that profits would recover.",
    'Coach Tom Hughes said: "We were the better side for an hour."\r\nThe club declined to comment.',
    "« Nous allons gagner », a déclaré l’entraîneur. «We will win,» Lars Eriksen said.",
    "“Prices will fall,” she said, “but not before the winter.”",
    "According to the ministry, the talks will resume in Geneva next week.",
    "Markets were calm.\n\nObi Okafor warned that investors cannot afford higher prices.",
    MIXED_SCRIPTS * 3,
    HTML,
    "",
]


def test_one_parser_used_by_eight_threads_at_once_gives_the_sequential_results() -> None:
    texts = [f"{text} Story {i}." for i, text in enumerate(THREAD_TEXTS * 6)]
    parser = Parser(Config(extra_cue_verbs=("opine",)))
    expected = [parser.parse(text) for text in texts]
    start = threading.Barrier(8)

    def parse_all(shift: int) -> list[Document]:
        start.wait()  # all threads begin together, so their parses overlap
        order = texts[shift:] + texts[:shift]
        documents = [parser.parse(text) for text in order]
        return documents[-shift:] + documents[:-shift] if shift else documents

    with ThreadPoolExecutor(max_workers=8) as threads:
        results = list(threads.map(parse_all, [i * 7 for i in range(8)]))
    assert all(result == expected for result in results)


def test_extract_from_eight_threads_at_once_gives_the_sequential_results() -> None:
    expected = [quotetrack.extract(text) for text in THREAD_TEXTS]
    with ThreadPoolExecutor(max_workers=8) as threads:
        results = list(threads.map(lambda _: [quotetrack.extract(t) for t in THREAD_TEXTS], range(8)))
    assert all(result == expected for result in results)

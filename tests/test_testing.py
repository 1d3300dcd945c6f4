"""``quotetrack.testing``: the generated documents say truthfully what was planted in them.

(Whether quotetrack finds the planted quotes is checked in test_hardening.py.)
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack import Document, Quote, QuoteKind, Span
from quotetrack.testing import STYLES, PlantedDocument, PlantedQuote, QuoteStyle, news_documents, quote_styles

_SETTINGS = settings(max_examples=150, deadline=None)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_importing_quotetrack_does_not_import_hypothesis() -> None:
    done = _python("import sys, quotetrack; quotetrack.extract('“Yes,” Ana said.'); print('hypothesis' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_without_hypothesis_the_import_error_says_what_to_install() -> None:
    done = _python("import sys; sys.modules['hypothesis'] = None; import quotetrack.testing")
    assert done.returncode != 0
    assert "ImportError: quotetrack.testing needs hypothesis" in done.stderr
    assert "pip install quotetrack[test]" in done.stderr


@_SETTINGS
@given(news_documents())
def test_planted_spans_slice_the_content_and_the_speaker(planted: PlantedDocument) -> None:
    assert planted.quotes
    for quote in planted.quotes:
        content = planted.content(quote)
        assert content == content.strip() and len(content.split()) >= 3
        assert quote.speaker_span.slice(planted.text) == quote.speaker
        assert quote.speaker[0].isupper()
        assert not quote.span.overlaps(quote.speaker_span)
    spans = [q.span for q in planted.quotes]
    assert spans == sorted(spans)


@_SETTINGS
@given(news_documents())
def test_direct_quotes_stand_inside_the_documents_marks(planted: PlantedDocument) -> None:
    style = planted.style
    for quote in planted.quotes:
        before = planted.text[quote.span.start - len(style.open) : quote.span.start]
        after = planted.text[quote.span.end : quote.span.end + len(style.close)]
        if quote.kind == QuoteKind.DIRECT:
            assert (before, after) == (style.open, style.close)
        else:
            assert planted.text[: quote.span.start].endswith(f"{quote.cue} that ")
            assert after == "."


@_SETTINGS
@given(st.data())
def test_the_options_choose_styles_kinds_and_counts(data: st.DataObject) -> None:
    styles = data.draw(st.lists(st.sampled_from(STYLES), min_size=1, unique=True))
    kinds = data.draw(st.sampled_from([{QuoteKind.DIRECT}, {QuoteKind.INDIRECT}]))
    low = data.draw(st.integers(0, 3))
    high = data.draw(st.integers(low, 4))
    planted = data.draw(news_documents(styles=styles, kinds=frozenset(kinds), min_quotes=low, max_quotes=high))
    assert planted.style in styles
    assert {q.kind for q in planted.quotes} <= kinds
    assert low <= len(planted.quotes) <= high


@given(quote_styles())
def test_quote_styles_are_pairs_of_marks(style: QuoteStyle) -> None:
    assert style in STYLES and style.open and style.close


@pytest.mark.parametrize(
    ("kinds", "low", "high"),
    [(frozenset({QuoteKind.MIXED}), 1, 2), (frozenset(), 1, 2), (frozenset({QuoteKind.DIRECT}), 3, 2)],
)
def test_impossible_options_are_value_errors_at_once(kinds: frozenset[QuoteKind], low: int, high: int) -> None:
    with pytest.raises(ValueError, match="news_documents"):
        news_documents(kinds=kinds, min_quotes=low, max_quotes=high)
    with pytest.raises(ValueError, match="at least one QuoteStyle"):
        news_documents(styles=[])


def test_found_in_matches_kind_and_span_exactly() -> None:
    text = "“We will win,” Ana Ruiz said."
    planted = PlantedQuote(Span(1, 13), QuoteKind.DIRECT, "Ana Ruiz", Span(15, 23), "said")
    quote = Quote(Span(1, 13), "We will win,", QuoteKind.DIRECT)
    assert planted.found_in(Document(text, quotes=(quote,))) is quote
    shifted = Quote(Span(1, 12), "We will win", QuoteKind.DIRECT)
    other_kind = Quote(Span(1, 13), "We will win,", QuoteKind.MIXED)
    assert planted.found_in(Document(text, quotes=(shifted, other_kind))) is None

"""The fast paths of segmentation and direct-quote finding against the plain rules they stand for.

Stage 1 reads lines with str.splitlines() and finds sentence candidates in one
pass over the whole text, running the candidate pattern only where str.find finds a
mark; stage 2 finds quote marks with str.find and reads plain words without the
word pattern. Each test
draws texts with hypothesis and checks a fast path against the slower, obviously
right statement of the same rule, so that a speed-up cannot change what is found
without a test failing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack import stage1_segmentation as segmentation
from quotetrack.lexicon import default_lexicon
from quotetrack.model import Span
from quotetrack.stage2_quotes import direct, marks
from quotetrack.stage2_quotes.frames import WORD, Token, tokens_in

LEXICON = default_lexicon()
ABBREVIATIONS = LEXICON.abbreviations
_BREAKS = ["\n", "\r", "\r\n", "\n\n", "\v", "\f", "\x85", "\u2028", "\u2029"]
_SPACES = [" ", "  ", "\t", "\u00a0", "\u2003"]


def _texts(pieces: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


# --- stage 1: lines ---------------------------------------------------------------------------------------

_LINE_PIECES = [*_BREAKS, *_SPACES, "The vote passed.", "Shares rose", "a", "—", "1.", "- item", "Sen. Lee"]


@settings(max_examples=400, deadline=None)
@given(_texts(_LINE_PIECES))
def test_split_lines_finds_what_the_line_search_finds(text: str) -> None:
    assert segmentation._split_lines(text) == segmentation._searched_lines(text)


@settings(max_examples=200, deadline=None)
@given(_texts([*_LINE_PIECES, "\x1c", "\x1d", "\x1e", "\x1f"]))
def test_paragraphs_of_texts_with_control_separators_keep_the_regex_reading(text: str) -> None:
    lines, after_blank = segmentation._searched_lines(text)
    expected = [Span(start, end) for _, start, end in lines]
    if segmentation._looks_hard_wrapped(text, lines, after_blank):
        expected = segmentation._blocks(text, lines, after_blank)
    assert segmentation.paragraph_spans(text) == expected


def test_a_control_separator_is_neither_a_line_break_nor_a_space() -> None:
    # str.splitlines() would break this line in two and str.strip() would drop the \x1f.
    text = "The senate adjourned.\x1cThe house voted.\x1f\nTurnout rose."
    assert [p.slice(text) for p in segmentation.paragraph_spans(text)] == [
        "The senate adjourned.\x1cThe house voted.\x1f",
        "Turnout rose.",
    ]


# --- stage 1: sentences ---------------------------------------------------------------------------------

_SENTENCE_PIECES = [
    *_BREAKS, *_SPACES, ".", ". ", "?", "!", "...", "…", "”", "’", ")", "“", "‘", "(", "—", "-", "said", "The",
    "He", "Mr.", "U.S.", "No.", "5", "J.", "e.g.", "Inc.", "a.m.", "1.", "iv.", "wins", "x",
]


@settings(max_examples=400, deadline=None)
@given(_texts(_SENTENCE_PIECES, max_size=60))
def test_one_candidate_search_over_the_text_splits_as_one_search_per_paragraph(text: str) -> None:
    paragraphs = segmentation.paragraph_spans(text)
    expected: list[Span] = []
    expected_paragraph: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        found = segmentation._sentences(text, paragraph.start, paragraph.end, ABBREVIATIONS)
        expected.extend(found)
        expected_paragraph.extend([index] * len(found))
    assert segmentation._sentences_of_paragraphs(text, paragraphs, ABBREVIATIONS) == (expected, expected_paragraph)


_CANDIDATE_PIECES = [*_SENTENCE_PIECES, "?!", "..", "\u00a0", "\x1c", "\x85", "»", "«", "¿", "é", "_", "a" * 25]


@settings(max_examples=400, deadline=None)
@given(_texts(_CANDIDATE_PIECES, max_size=60))
def test_sentence_candidates_are_the_matches_of_the_candidate_pattern(text: str) -> None:
    def read(matches: Iterable[regex.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | Any, ...]]]:
        return [(match.span(), match.groups()) for match in matches]

    assert read(segmentation._candidates(text)) == read(segmentation._CANDIDATE.finditer(text))


# --- stage 2: quote marks ---------------------------------------------------------------------------

# The quote marks, as one pattern: two apostrophes or two backticks first, then any one mark.
_MARK = regex.compile(r"''|``|[\"“”„‟«»‘’'‚‛‹›「」『』]")
_MARK_PIECES = [*list("\"“”„‟«»‘’'‚‛‹›「」『』`"), "''", "``", "'''", "```", "a", " ", "We won", "\n", "é"]


@settings(max_examples=300, deadline=None)
@given(_texts([*_MARK_PIECES, "A", "x'B", "‘", "«"]), st.sampled_from(["auto", "always", "never"]))
def test_single_quotes_lead_when_they_outnumber_the_double_ones(text: str, mode: str) -> None:
    doubles = text.count("“") + text.count('"') // 2 + text.count("«") + text.count("„")
    singles = text.count("‘") + len(marks._STRAIGHT_SINGLE_OPENING.findall(text))
    expected = mode == "always" if mode != "auto" else singles > 0 and singles >= doubles
    assert marks._single_quotes_at_top_level(text, mode) == expected


@settings(max_examples=400, deadline=None)
@given(_texts(_MARK_PIECES))
def test_glyphs_are_the_matches_of_the_mark_pattern(text: str) -> None:
    assert marks._glyphs(text) == [(m.start(), m.group()) for m in _MARK.finditer(text)]


# --- stage 2: tokens and the words of a quote ---------------------------------------------------------

_TOKEN_PIECES = [
    " ", "  ", "\u00a0", "\t", "\n", "\x1c", "\x1f", "said", "Ruiz-Díaz", "e\u0301", "\u0301", "U.S.", "don't",
    "Putin’s", "’", "'", "-", ".", ",", "”", "“", "(", ")", "3.5", "²", "$", "—", "--", "ß", "İ", "x", ":", "!",
    # the marks tokens_in splits off before a word or between a word and a closing quote
    "‘", "«", "»", "[", "]", "{", '"', "?",
]


def _spaced_texts(pieces: list[str], max_size: int = 30) -> st.SearchStrategy[str]:
    """Runs of one to three pieces between separators, mostly single spaces."""
    runs = st.lists(st.sampled_from(pieces), min_size=1, max_size=3).map("".join)
    separators = st.sampled_from([" ", " ", " ", "", "  ", "\u00a0", "\n", "\x1c"])
    return st.lists(st.tuples(runs, separators).map("".join), max_size=max_size).map("".join)


def _plain_tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(), m.group().casefold()) for m in WORD.finditer(text, start, end)]


@pytest.mark.parametrize("text", [
    "“The plan works,” said Ruiz. “We agree.” ‘Fine,’ she said.",
    "'We won,' he said. \"Prices rise.\" Then: \"No!\" (D-N.Y.) [sic] {x} «Non» $5 «Oui!»",
    "rock’” and roll’s “ok?” the U.S.” said 3.5”",
])
def test_tokens_of_marks_next_to_words_are_the_matches_of_the_word_pattern(text: str) -> None:
    # Each piece shape tokens_in splits without the pattern: a mark before a word ("“The", "(D",
    # "$5") and a word, a mark and a closing quote ("works,”", "rise.\""), with the odd neighbours.
    for start in range(len(text)):
        assert tokens_in(text, start, len(text)) == _plain_tokens(text, start, len(text))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_texts(_TOKEN_PIECES), _spaced_texts(_TOKEN_PIECES)), st.data())
def test_tokens_are_the_matches_of_the_word_pattern(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert tokens_in(text, start, end) == _plain_tokens(text, start, end)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_texts(_TOKEN_PIECES, max_size=80), _spaced_texts(_TOKEN_PIECES)))
def test_the_leading_words_of_a_quote_are_its_first_word_tokens(text: str) -> None:
    words = [w for w in WORD.findall(text) if w[0].isalnum()]
    assert direct._leading_words(text, Span(0, len(text))) == words[: direct._WORDS_READ]


@given(
    st.one_of(st.sampled_from(sorted(LEXICON.cue_forms)), st.text(max_size=8)),
    st.sampled_from([str.upper, str.title, str]),
)
def test_a_case_folded_word_is_a_cue_form_when_cue_lemma_finds_it(word: str, case: Callable[[str], str]) -> None:
    folded = case(word).casefold()
    assert (folded in LEXICON.cue_forms) == (LEXICON.cue_lemma(folded) is not None)

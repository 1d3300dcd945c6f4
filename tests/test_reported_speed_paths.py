"""The fast paths of reported-speech finding against plain statements of the same rules.

Each fast path in quotetrack/stage2_quotes/reported.py (one pass over the document for cue words,
cue tokens picked in C, a regex that settles most headline tests, a word filter in the clause-end
scan, the headline test asked only once a sentence has a report) must give exactly what the plain
rule gives; these tests state the plain rule and compare.
"""

from __future__ import annotations

import copy
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.lexicon import default_lexicon
from quotetrack.model import Analysis, Candidate, Span
from quotetrack.parser import Parser
from quotetrack.stage2_quotes import reported
from quotetrack.stage2_quotes.direct import find_direct
from quotetrack.stage2_quotes.frames import tokens_in

_LEXICON = default_lexicon()
_CUE_WORDS = reported._cue_words_of(_LEXICON)
_VOCABULARY = reported._vocabulary_of(_LEXICON)

# Words and marks that exercise the rules: cue words in several cases, names, function words,
# separators, quote marks, letters that fold to two ("ß", "ﬁ"), combining marks and odd spaces.
_PIECES = [
    "said", "Said", "SAID", "says", "told", "warned", "according", "to", "claims", "the", "minister",
    "Prices", "Rose", "After", "Long", "Night", "and", "but", "though", "he", "she", "it", "was",
    "Straße", "ﬁled", "e\u0301lan", "Ørsted", "U.S.", "Mr.", "don’t", "it's", "co-op", "3.5",
    ".", ",", ";", ":", "!", "?", "…", "“", "”", "‘", "’", '"', "'", "«", "»", "—", "–", "-", "(", ")",
    "#", "#said", "said’s", "\u2028", "\x1c", "\xa0", "\u3000",
]
_GLUES = [" ", " ", " ", "", "\n", "\t", "\r\n", "\xa0", "\u2009"]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(_PIECES), min_size=0, max_size=40))
    glues = draw(st.lists(st.sampled_from(_GLUES), min_size=len(pieces), max_size=len(pieces)))
    return "".join(piece + glue for piece, glue in zip(pieces, glues))


@st.composite
def _text_and_sentences(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(_texts())
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=6))) | {0, len(text)})
    return text, [Span(start, end) for start, end in zip(cuts, cuts[1:])]


def _plain_may_report(sentence: str) -> bool:
    """The rule as first written: fold the sentence, blank the separators, split, look the words up."""
    separators = str.maketrans({ch: " " for ch in ".,;:!?()[]\"“”‘’«»—–"})
    words = sentence.casefold().translate(separators).split()
    return not frozenset(_LEXICON.cue_forms).isdisjoint(words) or "according" in words


def _plain_is_headline(text: str, sentence: Span) -> bool:
    words = [w for w in text[sentence.start : sentence.end].split() if w[0].isalpha()]
    if not words:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    if text[sentence.end - 1] not in ".!?…\"”’»:":
        return capitalised >= 0.6 * len(words)
    long_words = [w for w in words if len(w) > 3]
    return len(words) >= 4 and all(w[0].isupper() for w in long_words)


def test_split_spaces_are_the_characters_str_split_splits_at() -> None:
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    in_class = regex.findall(f"[{reported._SPLIT_SPACES}]", every_character)
    assert in_class == [ch for ch in every_character if ch.isspace()]


def _joined(lines: list[str]) -> tuple[str, list[Span]]:
    text = " ".join(lines)
    starts = [text.index(line) for line in lines]
    return text, [Span(start, start + len(line)) for start, line in zip(starts, lines)]


def test_sentences_with_cue_words_on_news_sentences() -> None:
    lines = ["Prices rose again.", "The minister said so.", "Rates (according to analysts) will fall.",
             "Die Strasse war leer, sagte er.", "“Claims” are not enough!", "Nobody came.", "He #said it."]
    assert reported._sentences_with_cue_words(*_joined(lines), _CUE_WORDS) == [1, 2, 4]
    # "ß" folds to "ss", which moves the offsets of the folded text: the sentences are read one by one.
    lines[3] = "Die Straße war leer, sagte er."
    assert reported._sentences_with_cue_words(*_joined(lines), _CUE_WORDS) == [1, 2, 4]


@settings(max_examples=300, deadline=None)
@given(_text_and_sentences())
def test_sentences_with_cue_words_is_the_plain_rule(case: tuple[str, list[Span]]) -> None:
    text, sentences = case
    expected = [i for i, s in enumerate(sentences) if _plain_may_report(text[s.start : s.end])]
    assert reported._sentences_with_cue_words(text, sentences, _CUE_WORDS) == expected


@settings(max_examples=300, deadline=None)
@given(_texts())
def test_cue_indices_are_those_of_a_plain_scan(text: str) -> None:
    tokens = tokens_in(text, 0, len(text))
    expected = [i for i, token in enumerate(tokens) if token.lower in _CUE_WORDS]
    assert reported._indices_of(tokens, _CUE_WORDS) == expected


def test_cue_indices_on_a_news_sentence() -> None:
    text = "According to the report, the minister SAID the plan works, and claims nothing more."
    tokens = tokens_in(text, 0, len(text))
    assert [tokens[i].text for i in reported._indices_of(tokens, _CUE_WORDS)] == [
        "According", "report", "SAID", "plan", "claims"]


def test_headlines_on_news_lines() -> None:
    for line, expected in [
        ("Senate Passes Budget After Long Night.", True),
        ("Hillary Clinton Speaks ‘Directly To White People’ After Latest Police Shooting.", True),
        ("The Senate passed the budget after a long night.", False),
        ("Markets Rally as Fed Holds Rates", True),
        ("Markets rally as the central bank holds rates", False),
        ("Ørsted Wins the Contract.", True),
    ]:
        assert reported._is_headline(line, Span(0, len(line))) is expected, line


@settings(max_examples=300, deadline=None)
@given(_texts())
def test_is_headline_is_the_plain_rule(text: str) -> None:
    if text:
        sentence = Span(0, len(text))
        assert reported._is_headline(text, sentence) is _plain_is_headline(text, sentence)


def test_content_stops_fold_to_themselves() -> None:
    # _content_end skips words outside _CONTENT_STOPS by their folded form, while some of its
    # tests read the written form: the two agree only if the marks fold to themselves.
    marks = reported._SENTENCE_END | reported._NEW_REPORT_MARKS | {","}
    assert all(mark.casefold() == mark for mark in marks)
    assert marks <= reported._CONTENT_STOPS
    assert reported._NEW_REPORT_LINKS | {"but", "and"} <= reported._CONTENT_STOPS


# --- the headline test, asked only of sentences with a report ---------------------------------------

_PARSER = Parser()

# Lines that are headlines (title case, closed or not) and lines that report speech, for documents
# in which the two stand side by side. Most headlines here read as a report ("Officials say …",
# with a short lower-case cue), so only the headline test keeps them out.
_HEADLINE_LINES = [
    "Officials say Budget Talks Have Failed",
    "Ministers say Talks Will Resume On Monday.",
    "Analysts say Markets Could Fall Further.",
    "Unions say they Will Strike In May",
    "Minister Says Talks With Unions Have Failed",
    "Regulator Claims Bank Misled Thousands Of Savers.",
]
_REPORT_LINES = [
    "The minister said the talks with the unions had failed.",
    "Prices will rise again next year, the central bank warned on Tuesday.",
    "According to the coach, the team will recover quickly.",
    "She told reporters that the vaccine trial had met its goals.",
    "The club confirmed the signing and said the striker would join in July.",
    "Nobody expected the vote to pass so easily.",
]


def _prepared(text: str) -> Analysis:
    """The analysis as find_reported receives it: sentences split and direct quotes found."""
    analysis = Analysis(text=text)
    context = _PARSER._context
    for name, stage in _PARSER.stages:
        if name != "segmentation":
            break
        stage(analysis, context)
    find_direct(analysis, context)
    return analysis


def _reported_with_headlines_skipped_first(analysis: Analysis) -> list[Candidate]:
    """The plain rule: a headline sentence is dropped before any of its words are read (here by
    leaving an empty sentence in its place, so the indices of the others stay)."""
    plain = copy.copy(analysis)
    plain.candidates = list(analysis.candidates)
    plain.sentences = [Span(s.start, s.start) if reported._is_headline(plain.text, s) else s
                       for s in analysis.sentences]
    reported.find_reported(plain, _PARSER._context)
    return plain.candidates


def _reported(analysis: Analysis) -> list[Candidate]:
    found = copy.copy(analysis)
    found.candidates = list(analysis.candidates)
    reported.find_reported(found, _PARSER._context)
    return found.candidates


def test_a_headline_gives_no_report_and_its_sentence_case_twin_does() -> None:
    for headline, twin in [("Officials say Budget Talks Have Failed", "Officials say budget talks have failed."),
                           ("Police say Suspect Fled The Scene.", "Police say the suspect fled the scene.")]:
        text = f"{headline}\n\n{_REPORT_LINES[0]}"
        candidates = _reported(_prepared(text))
        assert [text[c.span.start : c.span.end] for c in candidates] == ["the talks with the unions had failed"], text
        assert candidates == _reported_with_headlines_skipped_first(_prepared(text))
        twin_text = f"{twin}\n\n{_REPORT_LINES[0]}"
        assert _reported(_prepared(twin_text))[0].span.end <= len(twin), twin_text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_HEADLINE_LINES + _REPORT_LINES), min_size=1, max_size=6),
       st.sampled_from(["\n\n", "\n", " "]))
def test_headlines_tested_after_the_rules_give_what_the_plain_rule_gives(lines: list[str], glue: str) -> None:
    analysis = _prepared(glue.join(lines))
    assert _reported(analysis) == _reported_with_headlines_skipped_first(analysis)
